package classifieds_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/classifieds/classifiedstest"
)

// TestUsers_Create_countryAgainstTheFake: nil stores the vendor's NL,
// Ptr("") a user abroad.
func TestUsers_Create_countryAgainstTheFake(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	nl := validCreate()
	nl.Country = nil
	u, err := c.Users.Create(ctx, nl)
	require.NoError(t, err)
	assert.Equal(t, "NL", u.Country)

	abroad := validCreate()
	abroad.Email, abroad.Country, abroad.County, abroad.PostalCode = "abroad@test.nl", classifieds.Ptr(""), "", "SW1A 1AA"
	a, err := c.Users.Create(ctx, abroad)
	require.NoError(t, err)
	stored, _ := srv.User(a.UserID)
	assert.Equal(t, "", stored.Country)

	// A nil Country on update leaves the stored country alone.
	_, err = c.Users.Update(ctx, a.UserID, &classifieds.UserUpdateRequest{City: classifieds.Ptr("London")})
	require.NoError(t, err)
	stored, _ = srv.User(a.UserID)
	assert.Equal(t, "", stored.Country)
	assert.Equal(t, "London", stored.City)
}

// TestUsers_Activation_validUntilIsAmsterdamTime: the fake writes
// Amsterdam wall time; across the spring and autumn DST changes the SDK
// reads the right instant.
func TestUsers_Activation_validUntilIsAmsterdamTime(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2025, 1, 14, 9, 30, 0, 0, time.UTC),  // CET
		time.Date(2025, 3, 29, 1, 30, 0, 0, time.UTC),  // expires on 30 March, after the change to CEST
		time.Date(2025, 10, 25, 0, 30, 0, 0, time.UTC), // expires at 02:30 on 26 October, the hour that happens twice: read as the earlier
		time.Date(2025, 10, 25, 3, 30, 0, 0, time.UTC), // expires on 26 October, after the change back to CET
		time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC),   // CEST
	} {
		srv := newServer(t)
		srv.SetClock(func() time.Time { return now })
		c := srv.Client()
		u, err := c.Users.Create(ctx, validCreate())
		require.NoError(t, err)
		want := now.Add(classifiedstest.ActivationLifetime)
		assert.True(t, want.Equal(u.Activation.ValidUntil.Time), "create at %v: got %v, want %v", now, u.Activation.ValidUntil, want)
		a, err := c.Users.GenerateActivation(ctx, u.UserID)
		require.NoError(t, err)
		assert.True(t, want.Equal(a.ValidUntil.Time), "generate at %v: got %v", now, a.ValidUntil)
	}
}

// TestUsers_Create_zeroValidUntil: MySQL's zero date no longer fails a
// Create that has created the user.
func TestUsers_Create_zeroValidUntil(t *testing.T) {
	srv := newServer(t)
	srv.SetZeroValidUntil(true)
	c := srv.Client()
	u, err := c.Users.Create(ctx, validCreate())
	require.NoError(t, err)
	require.NotNil(t, u.Activation)
	assert.True(t, u.Activation.ValidUntil.IsZero())
	assert.NotEmpty(t, u.Activation.ActivationToken)
	a, err := c.Users.GenerateActivation(ctx, u.UserID)
	require.NoError(t, err)
	assert.True(t, a.ValidUntil.IsZero())
}

// TestUsers_Update_serverSendsNoUser: against a fake that confirms an
// update with data [], Update reads the user back.
func TestUsers_Update_serverSendsNoUser(t *testing.T) {
	srv := newServer(t)
	srv.SetQuirks(classifiedstest.Quirks{UpdateWithoutUser: true})
	id := srv.AddUsers(1)[0]
	c := srv.Client()
	before := srv.Requests()
	u, err := c.Users.Update(ctx, id, &classifieds.UserUpdateRequest{City: classifieds.Ptr("Delft")})
	require.NoError(t, err)
	require.NotNil(t, u)
	assert.Equal(t, id, u.UserID)
	assert.Equal(t, "Delft", u.City)
	assert.Equal(t, 2, srv.Requests()-before, "PUT, then GET")
}

// TestUsers_seedQuirksAgainstTheFake: contacts as an object or [], "0"
// ids, and the seed's reading of totalInSet: every user decodes and All
// walks every page.
func TestUsers_seedQuirksAgainstTheFake(t *testing.T) {
	srv := newServer(t)
	srv.SetQuirks(classifiedstest.Quirks{Contacts: true, SeedTotals: true})
	ids := srv.AddUsers(7)
	c := srv.Client()

	p, err := c.Users.List(ctx, &classifieds.UserListOptions{ItemsPerPage: 3})
	require.NoError(t, err)
	assert.Equal(t, 3, p.TotalItems, "the seed's reading: the users on the page")
	assert.Equal(t, 7, p.TotalInSet, "the seed's reading: all the users")
	for _, u := range p.Items {
		assert.Zero(t, u.ClientID, `"0"`)
		if u.UserID%2 == 0 {
			require.NotNil(t, u.Contacts, "user %d: contacts as an object", u.UserID)
			assert.Zero(t, u.Contacts.NumberOfContacts)
		} else {
			assert.Nil(t, u.Contacts, "user %d: contacts as PHP's []", u.UserID)
		}
	}
	var got []int64
	for u, err := range c.Users.All(ctx, &classifieds.UserListOptions{ItemsPerPage: 3}) {
		require.NoError(t, err)
		got = append(got, u.UserID)
	}
	assert.Equal(t, ids, got)

	g, err := c.Users.Get(ctx, ids[1])
	require.NoError(t, err)
	require.NotNil(t, g.Contacts)
}

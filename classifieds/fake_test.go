package classifieds_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/classifieds/classifiedstest"
)

var ctx = context.Background()

func newServer(t *testing.T) *classifiedstest.Server {
	t.Helper()
	srv := classifiedstest.NewServer()
	t.Cleanup(srv.Close)
	return srv
}

func validCreate() *classifieds.UserCreateRequest {
	return &classifieds.UserCreateRequest{
		CompanyName: "Bedrijfsnaam", Gender: "M", FirstName: "Voornaam", LastName: "Achternaam",
		DateOfBirth: "1980-04-09", Address: "Straatnaam", HouseNumber: "19b", PostalCode: "2818 AA",
		City: "Zoetermeer", County: "ZH", Country: classifieds.Ptr("NL"), Email: "info@test.nl", Website: "www.test.nl",
		Phone: "079-1234567", Cellular: "06-12345678",
	}
}

func TestUsers_All_iterates1013UsersOnce(t *testing.T) {
	srv := newServer(t)
	ids := srv.AddUsers(1013)
	c := srv.Client()

	seen := map[int64]int{}
	for u, err := range c.Users.All(ctx, &classifieds.UserListOptions{ItemsPerPage: 100}) {
		require.NoError(t, err)
		seen[u.UserID]++
	}
	require.Len(t, seen, 1013)
	for _, id := range ids {
		assert.Equal(t, 1, seen[id], "user %d", id)
	}
	assert.Equal(t, 11, srv.Requests(), "10 full pages and a short one")
}

func TestUsers_All_exactMultipleEndsOnEmptyPage(t *testing.T) {
	srv := newServer(t)
	srv.AddUsers(50)
	n := 0
	for u, err := range srv.Client().Users.All(ctx, &classifieds.UserListOptions{ItemsPerPage: 25}) {
		require.NoError(t, err)
		require.NotNil(t, u)
		n++
	}
	assert.Equal(t, 50, n)
	assert.Equal(t, 3, srv.Requests())
}

func TestUsers_All_breakStopsRequests(t *testing.T) {
	srv := newServer(t)
	srv.AddUsers(300)
	n := 0
	for _, err := range srv.Client().Users.All(ctx, nil) {
		require.NoError(t, err)
		if n++; n == 30 {
			break
		}
	}
	assert.Equal(t, 2, srv.Requests(), "two pages of the default 25")
}

func TestUsers_All_errorYieldedOnce(t *testing.T) {
	srv := newServer(t)
	srv.AddUsers(60)
	c := srv.Client(classifieds.WithRetryPolicy(classifieds.RetryPolicy{MaxRetries: classifieds.NoRetries}))
	var users, errs int
	next := c.Users.All(ctx, &classifieds.UserListOptions{ItemsPerPage: 25})
	for u, err := range next {
		if err != nil {
			errs++
			assert.ErrorIs(t, err, classifieds.ErrServer)
			assert.Nil(t, u)
			continue
		}
		if users++; users == 25 {
			srv.FailNext(1, 500)
		}
	}
	assert.Equal(t, 25, users)
	assert.Equal(t, 1, errs)

	before, yields := srv.Requests(), 0
	for u, err := range c.Users.All(ctx, &classifieds.UserListOptions{ItemsPerPage: 101}) {
		yields++
		assert.Nil(t, u)
		assert.ErrorIs(t, err, classifieds.ErrInvalidInput)
	}
	assert.Equal(t, 1, yields, "the validation error, once")
	assert.Equal(t, before, srv.Requests())
}

func TestUsers_Delete_bothFormsAgainstTheFake(t *testing.T) {
	srv := newServer(t)
	ids := srv.AddUsers(3)
	c := srv.Client()

	require.NoError(t, c.Users.Delete(ctx, ids[0], nil))
	require.NoError(t, c.Users.Delete(ctx, ids[1], &classifieds.DeleteOptions{IP: "127.0.0.2"}))
	for _, id := range ids[:2] {
		_, ok := srv.User(id)
		assert.False(t, ok)
		_, err := c.Users.Get(ctx, id)
		assert.ErrorIs(t, err, classifieds.ErrNotFound)
	}
	_, ok := srv.User(ids[2])
	assert.True(t, ok, "the other user stays")

	assert.ErrorIs(t, c.Users.Delete(ctx, ids[0], nil), classifieds.ErrNotFound)
	assert.ErrorIs(t, c.Users.Delete(ctx, ids[1], &classifieds.DeleteOptions{IP: "::1"}), classifieds.ErrNotFound)
}

func TestUsers_Create_notRetriedOn500(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()
	srv.FailNext(1, 500)
	_, err := c.Users.Create(ctx, validCreate())
	var ae *classifieds.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 500, ae.StatusCode)
	assert.Equal(t, 1, ae.Attempts)
	assert.Equal(t, 1, srv.Requests(), "sent exactly once")
	assert.Equal(t, 0, srv.Len(), "no user created")
}

func TestUsers_Create_retriedOn429(t *testing.T) {
	srv := newServer(t)
	srv.FailNext(1, 429)
	u, err := srv.Client().Users.Create(ctx, validCreate())
	require.NoError(t, err)
	assert.Equal(t, 2, srv.Requests())
	assert.Equal(t, 1, srv.Len())
	assert.Equal(t, int64(1), u.UserID)
}

func TestUsers_Get_retriedOn503(t *testing.T) {
	srv := newServer(t)
	ids := srv.AddUsers(1)
	srv.FailNext(1, 503)
	u, err := srv.Client().Users.Get(ctx, ids[0])
	require.NoError(t, err)
	assert.Equal(t, ids[0], u.UserID)
	assert.Equal(t, 2, srv.Requests())
}

func TestUsers_Get_503ExhaustsRetries(t *testing.T) {
	srv := newServer(t)
	srv.AddUsers(1)
	srv.FailNext(10, 503)
	fast := classifieds.RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}
	_, err := srv.Client(classifieds.WithRetryPolicy(fast)).Users.Get(ctx, 1)
	var ae *classifieds.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 3, ae.Attempts)
	assert.Equal(t, 3, srv.Requests())
	assert.ErrorIs(t, err, classifieds.ErrServer)
}

func TestUsers_Lifecycle_againstTheFake(t *testing.T) {
	srv := newServer(t)
	c := srv.Client()

	u, err := c.Users.Create(ctx, validCreate())
	require.NoError(t, err)
	require.NotNil(t, u.Activation)
	assert.Regexp(t, `^[0-9a-f]{64}$`, u.Activation.ActivationToken)
	assert.WithinDuration(t, time.Now().Add(classifiedstest.ActivationLifetime), u.Activation.ValidUntil.Time, 5*time.Second)
	assert.Equal(t, "Zoetermeer", u.City)

	got, err := c.Users.Get(ctx, u.UserID)
	require.NoError(t, err)
	assert.Nil(t, got.Activation)
	got.Activation = u.Activation
	assert.Equal(t, u, got)

	up, err := c.Users.Update(ctx, u.UserID, &classifieds.UserUpdateRequest{City: classifieds.Ptr("Delft"), Fax: classifieds.Ptr("")})
	require.NoError(t, err)
	assert.Equal(t, "Delft", up.City)
	stored, _ := srv.User(u.UserID)
	assert.Equal(t, "Delft", stored.City)

	// A wrong token is refused; the right one activates once.
	err = c.Users.Activate(ctx, u.UserID, "nope")
	var ae *classifieds.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, []string{"invalid activationtoken or token expired"}, ae.Messages)
	require.NoError(t, c.Users.Activate(ctx, u.UserID, u.Activation.ActivationToken))
	assert.True(t, srv.Activated(u.UserID))
	assert.Error(t, c.Users.Activate(ctx, u.UserID, u.Activation.ActivationToken), "a token is used once")
}

func TestUsers_GenerateActivation_revokesAndLimitsAgainstTheFake(t *testing.T) {
	srv := newServer(t)
	now := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	srv.SetClock(func() time.Time { return now })
	c := srv.Client()
	u, err := c.Users.Create(ctx, validCreate())
	require.NoError(t, err)
	assert.Equal(t, now.Add(classifiedstest.ActivationLifetime), u.Activation.ValidUntil.Time)

	var tokens []string
	for range 5 {
		a, err := c.Users.GenerateActivation(ctx, u.UserID)
		require.NoError(t, err)
		assert.Equal(t, u.UserID, a.UserID)
		tokens = append(tokens, a.ActivationToken)
		now = now.Add(time.Minute)
	}
	// The vendor's refusal: result:false at HTTP 200.
	_, err = c.Users.GenerateActivation(ctx, u.UserID)
	var ae *classifieds.APIError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, classifieds.ErrRateLimited)
	assert.Equal(t, 200, ae.StatusCode)
	assert.Equal(t, []string{"maximum number of requests has exceeded. please try again later..."}, ae.Messages)
	assert.Equal(t, 1+5+1, srv.Requests(), "a refusal at 200 is not retried")

	// The same refusal as a 429, if the vendor answered that way.
	srv.SetGenerateRefusal(http.StatusTooManyRequests)
	_, err = c.Users.GenerateActivation(ctx, u.UserID)
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, classifieds.ErrRateLimited)
	assert.Equal(t, 429, ae.StatusCode)
	assert.Equal(t, 55*time.Minute, ae.RetryAfter, "until the first call leaves the hour")
	assert.Equal(t, 1+5+1+1, srv.Requests(), "a Retry-After beyond the policy is not slept")

	// Only the newest token works.
	for _, old := range append([]string{u.Activation.ActivationToken}, tokens[:4]...) {
		assert.Error(t, c.Users.Activate(ctx, u.UserID, old))
	}
	require.NoError(t, c.Users.Activate(ctx, u.UserID, tokens[4]))

	now = now.Add(56 * time.Minute)
	_, err = c.Users.GenerateActivation(ctx, u.UserID)
	assert.NoError(t, err, "the hour has passed for the first call")
}

func TestUsers_Activate_expiredTokenAgainstTheFake(t *testing.T) {
	srv := newServer(t)
	now := time.Now()
	srv.SetClock(func() time.Time { return now })
	c := srv.Client()
	u, err := c.Users.Create(ctx, validCreate())
	require.NoError(t, err)
	now = now.Add(classifiedstest.ActivationLifetime)
	assert.ErrorIs(t, c.Users.Activate(ctx, u.UserID, u.Activation.ActivationToken), classifieds.ErrBadRequest)
	assert.False(t, srv.Activated(u.UserID))
}

func TestUsers_WrongKey_isUnauthorized(t *testing.T) {
	srv := newServer(t)
	c, err := classifieds.NewClient(classifieds.WithBaseURL(srv.URL), classifieds.WithAPIKey("wrong"))
	require.NoError(t, err)
	_, err = c.Users.List(ctx, nil)
	var ae *classifieds.APIError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, classifieds.ErrUnauthorized)
	assert.Equal(t, []string{"invalid or missing authentication key"}, ae.Messages)
}

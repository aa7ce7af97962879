package marketplace_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// createUsers creates n users u_1..u_n through c.
func createUsers(t *testing.T, c *marketplace.Client, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		_, err := c.Users.Create(context.Background(), &marketplace.UserCreateRequest{
			FirstName: "User", Surname: fmt.Sprint(i), Email: fmt.Sprintf("user%d@example.com", i),
		})
		require.NoError(t, err)
	}
}

func TestUsers_All_walks237UsersNewestFirstOnce(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	createUsers(t, c, 237)

	before := srv.Requests()
	var got []string
	seen := map[string]bool{}
	for u, err := range c.Users.All(context.Background(), &marketplace.UserListOptions{Size: 50}) {
		require.NoError(t, err)
		require.False(t, seen[u.ID], "user %s yielded twice", u.ID)
		seen[u.ID] = true
		got = append(got, u.ID)
	}
	require.Len(t, got, 237)
	for i, id := range got {
		assert.Equal(t, fmt.Sprintf("u_%d", 237-i), id, "position %d", i)
	}
	assert.Equal(t, 5, srv.Requests()-before, "pages of 50, 50, 50, 50, 37: the short page ends the walk")
}

func TestUsers_All_breakAfterTenMakesOneRequest(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	createUsers(t, c, 237)

	before := srv.Requests()
	n := 0
	for u, err := range c.Users.All(context.Background(), &marketplace.UserListOptions{Size: 50}) {
		require.NoError(t, err)
		require.NotNil(t, u)
		if n++; n == 10 {
			break
		}
	}
	assert.Equal(t, 10, n)
	assert.Equal(t, 1, srv.Requests()-before)
}

func TestUsers_All_startsAtPageAndKeepsFilters(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	createUsers(t, c, 25)

	var got []string
	for u, err := range c.Users.All(context.Background(), &marketplace.UserListOptions{Page: 2, Size: 10}) {
		require.NoError(t, err)
		got = append(got, u.ID)
	}
	assert.Equal(t, []string{"u_5", "u_4", "u_3", "u_2", "u_1"}, got)

	got = nil
	for u, err := range c.Users.All(context.Background(), &marketplace.UserListOptions{IDs: []string{"u_3", "u_20", "u_9"}, Size: 2}) {
		require.NoError(t, err)
		got = append(got, u.ID)
	}
	assert.Equal(t, []string{"u_20", "u_9", "u_3"}, got)
}

func TestUsers_All_yieldsErrorOnceAndStops(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	createUsers(t, c, 3)

	srv.FailNext(10, http.StatusUnauthorized)
	var errs []error
	for u, err := range c.Users.All(context.Background(), nil) {
		assert.Nil(t, u)
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], marketplace.ErrUnauthorized)
}

func TestUsers_List_throughFake(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	createUsers(t, c, 7)

	page, err := c.Users.List(context.Background(), &marketplace.UserListOptions{Page: 1, Size: 3})
	require.NoError(t, err)
	require.NotNil(t, page.Total)
	assert.Equal(t, 7, *page.Total)
	assert.Equal(t, 1, *page.Page)
	assert.Equal(t, 3, page.Size)
	require.Len(t, page.Items, 3)
	assert.Equal(t, []string{"u_4", "u_3", "u_2"}, []string{page.Items[0].ID, page.Items[1].ID, page.Items[2].ID})

	page, err = c.Users.List(context.Background(), &marketplace.UserListOptions{Email: "user5@example.com"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, "u_5", page.Items[0].ID)
	assert.Equal(t, 50, page.Size)
}

func TestUsers_Update_retriedOn503(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client() // the default retry policy
	createUsers(t, c, 1)

	before := srv.Requests()
	srv.FailNext(1, http.StatusServiceUnavailable)
	u, err := c.Users.Update(context.Background(), "u_1", &marketplace.UserUpdateRequest{Visits: marketplace.Ptr(0), TermsConditions: marketplace.Ptr(false)})
	require.NoError(t, err)
	assert.Equal(t, 2, srv.Requests()-before, "one 503, one retry")
	assert.Equal(t, 0, u.Visits)
	assert.False(t, u.TermsConditions)
}

func TestUsers_Create_notRetriedOn500(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()

	srv.FailNext(1, http.StatusInternalServerError)
	_, err := c.Users.Create(context.Background(), &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
	require.ErrorIs(t, err, marketplace.ErrServer)
	var apiErr *marketplace.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 1, apiErr.Attempts)
	assert.Equal(t, []string{"Internal Server Error (injected by FailNext)"}, apiErr.Messages)
	assert.Equal(t, 1, srv.Requests(), "an unsafe POST is sent exactly once after a 500")

	page, err := c.Users.List(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, page.Items, "no user was created")
}

func TestUsers_Create_retriedOn429(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()

	srv.FailNext(1, http.StatusTooManyRequests)
	u, err := c.Users.Create(context.Background(), &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
	require.NoError(t, err)
	assert.Equal(t, "u_1", u.ID)
	assert.Equal(t, 2, srv.Requests(), "a 429 means the server did not act: one retry")
}

func TestBroadband_Create_notRetriedOn500_UpdateRetriedOn503(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()

	srv.FailNext(1, http.StatusInternalServerError)
	_, err := c.Broadband.Create(context.Background(), &marketplace.BroadbandCreateRequest{CPUserID: "u_1"})
	require.ErrorIs(t, err, marketplace.ErrServer)
	assert.Equal(t, 1, srv.Requests())

	_, err = c.Broadband.Create(context.Background(), &marketplace.BroadbandCreateRequest{CPUserID: "u_1"})
	require.NoError(t, err)
	srv.FailNext(1, http.StatusServiceUnavailable)
	e, err := c.Broadband.Update(context.Background(), "u_1", &marketplace.BroadbandUpdateRequest{PPM: marketplace.Ptr("19.99")})
	require.NoError(t, err)
	assert.Equal(t, 4, srv.Requests())
	assert.Equal(t, "19.99", e.Meta["broadbandPpm"])
}

func TestUsers_roundTripThroughFake(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	dob := marketplace.Time{Time: seedTime.AddDate(-35, 0, 0)}
	created, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{
		FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com",
		DOB: &dob, Visits: marketplace.Ptr(3), TermsConditions: marketplace.Ptr(true),
		Meta: map[string]any{"crm_ref": "C-1"}, AnonUserID: marketplace.Ptr("anon_1"),
	})
	require.NoError(t, err)
	assert.Equal(t, "u_1", created.ID)
	assert.False(t, created.Created.IsZero())
	assert.Equal(t, created.Created, created.Updated)
	assert.True(t, dob.Equal(created.DOB.Time))
	assert.Equal(t, map[string]any{"crm_ref": "C-1"}, created.Meta)

	updated, err := c.Users.Update(ctx, "u_1", &marketplace.UserUpdateRequest{Visits: marketplace.Ptr(0), TermsConditions: marketplace.Ptr(false), Title: marketplace.Ptr("Ms")})
	require.NoError(t, err)
	assert.Equal(t, 0, updated.Visits)
	assert.False(t, updated.TermsConditions)
	assert.Equal(t, "Ms", updated.Title)
	assert.Equal(t, "Ada", updated.FirstName, "unset fields are kept")
	assert.True(t, dob.Equal(updated.DOB.Time))

	got, err := c.Users.Get(ctx, "u_1")
	require.NoError(t, err)
	assert.Equal(t, updated, got)

	_, err = c.Users.Get(ctx, "u_2")
	require.ErrorIs(t, err, marketplace.ErrNotFound)
	var apiErr *marketplace.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Empty(t, apiErr.Body, "the fake answers an unknown user with an empty body")
	_, err = c.Users.Update(ctx, "u_2", &marketplace.UserUpdateRequest{})
	assert.ErrorIs(t, err, marketplace.ErrNotFound)
}

func TestBroadband_roundTripThroughFake(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	createUsers(t, c, 1)

	e, err := c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: "u_1", Provider: marketplace.Ptr("FibreCo"), DownSpeed: marketplace.Ptr("900")})
	require.NoError(t, err)
	assert.Equal(t, &marketplace.BroadbandEntry{ID: "bb_1", CPUserID: "u_1", RootUserID: "u_1", CPID: marketplacetest.CPID,
		Meta: map[string]any{"broadbandProvider": "FibreCo", "broadbandDownSpeed": "900"}}, e)

	_, err = c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: "u_1"})
	assert.ErrorIs(t, err, marketplace.ErrConflict)

	e, err = c.Broadband.Update(ctx, "u_1", &marketplace.BroadbandUpdateRequest{PPM: marketplace.Ptr("29.99"), DownSpeed: marketplace.Ptr("")})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"broadbandProvider": "FibreCo", "broadbandDownSpeed": "", "broadbandPpm": "29.99"}, e.Meta)

	got, err := c.Broadband.Get(ctx, "u_1")
	require.NoError(t, err)
	assert.Equal(t, e, got)

	_, err = c.Broadband.Get(ctx, "u_404")
	assert.ErrorIs(t, err, marketplace.ErrNotFound)
	_, err = c.Broadband.Update(ctx, "u_404", nil)
	assert.ErrorIs(t, err, marketplace.ErrNotFound)
}

func TestClient_wrongKeyThroughFake(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	for _, opts := range [][]marketplace.Option{
		{marketplace.WithAPIKey("wrong")},
		{marketplace.WithAPIKey(srv.APIKey), marketplace.WithAPIKeyHeader("Authorization")},
	} {
		c, err := marketplace.NewClient(append(opts, marketplace.WithBaseURL(srv.URL))...)
		require.NoError(t, err)
		_, err = c.Users.Get(context.Background(), "u_1")
		require.ErrorIs(t, err, marketplace.ErrUnauthorized)
		var apiErr *marketplace.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Len(t, apiErr.Messages, 1)
	}
}

// TestUsers_All_serverCappedPageSize: a server that answers fewer users
// than asked, but a full page by its own reported size, is paged on.
func TestUsers_All_serverCappedPageSize(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	createUsers(t, srv.Client(), 5)

	// A proxy that caps size at 2, as an API with a maximum page size would.
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		q.Set("size", "2")
		r.URL.RawQuery = q.Encode()
		return http.DefaultTransport.RoundTrip(r)
	})}
	c, err := marketplace.NewClient(marketplace.WithBaseURL(srv.URL), marketplace.WithAPIKey(srv.APIKey), marketplace.WithHTTPClient(hc))
	require.NoError(t, err)
	before := srv.Requests()
	var got []string
	for u, err := range c.Users.All(context.Background(), &marketplace.UserListOptions{Size: 10}) {
		require.NoError(t, err)
		got = append(got, u.ID)
	}
	assert.Equal(t, []string{"u_5", "u_4", "u_3", "u_2", "u_1"}, got)
	assert.Equal(t, 3, srv.Requests()-before)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

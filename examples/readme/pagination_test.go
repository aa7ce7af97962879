package readme_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// firstMatch walks the users until done says stop.
func firstMatch(ctx context.Context, c *marketplace.Client, done func(*marketplace.User) bool) (*marketplace.User, error) {
	// README begin
	for u, err := range c.Users.All(ctx, nil) {
		if err != nil {
			return nil, err // yielded once; the walk then ends
		}
		if done(u) {
			return u, nil // leaving the loop stops all further requests
		}
	}
	// README end
	return nil, nil
}

func TestReadme_paginationBreakStopsRequests(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		_, err := c.Users.Create(context.Background(), &marketplace.UserCreateRequest{FirstName: "A", Surname: "B", Email: email})
		require.NoError(t, err)
	}
	before := srv.Requests()
	u, err := firstMatch(context.Background(), c, func(u *marketplace.User) bool { return u.Email == "b@example.com" })
	require.NoError(t, err)
	assert.Equal(t, "b@example.com", u.Email)
	assert.Equal(t, 1, srv.Requests()-before, "one page was enough")
}

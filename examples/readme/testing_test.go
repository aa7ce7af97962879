package readme_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// myProfile is "your code under test": it reads a user's name.
func myProfile(ctx context.Context, c *marketplace.Client, id string) (string, error) {
	u, err := c.Users.Get(ctx, id)
	if err != nil {
		return "", err
	}
	return u.FirstName + " " + u.Surname, nil
}

// README begin
func TestProfile_survivesA503(t *testing.T) {
	srv := marketplacetest.NewServer() // in memory, real HTTP on loopback
	defer srv.Close()
	c := srv.Client() // a *marketplace.Client with valid credentials
	ctx := context.Background()
	u, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
	require.NoError(t, err)

	srv.FailNext(1, 503) // the next request fails in the vendor's format
	before := srv.Requests()
	name, err := myProfile(ctx, c, u.ID) // your code under test: a Get, safe to retry
	require.NoError(t, err)
	assert.Equal(t, "Ada Lovelace", name)
	assert.Equal(t, 2, srv.Requests()-before) // one failure, one retry
}

// README end

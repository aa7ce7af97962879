package readme_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// signUp is "your code under test": it creates a user and reads it back.
func signUp(ctx context.Context, c *marketplace.Client, email string) (string, error) {
	u, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: email})
	var apiErr *marketplace.APIError
	if errors.Is(err, marketplace.ErrRateLimited) && errors.As(err, &apiErr) {
		return "", err // a Retry-After too long for the SDK to wait: the caller reschedules
	}
	if err != nil {
		return "", err
	}
	got, err := c.Users.Get(ctx, u.ID)
	if err != nil {
		return "", err
	}
	return got.Email, nil
}

// README begin
func TestSignUp_survivesA429AndAReset(t *testing.T) {
	srv := marketplacetest.NewServer() // in memory, real HTTP on loopback
	defer srv.Close()
	c := srv.Client() // a *marketplace.Client with valid credentials and the default retries

	// The create is rate-limited once with Retry-After: 1 (the SDK waits and
	// sends it again: nothing was created), and the read that follows has
	// its connection cut (a Get is safe, so the SDK retries it).
	srv.Inject(marketplacetest.Fault{Op: "Users.Create", Status: http.StatusTooManyRequests, RetryAfter: time.Second})
	srv.Inject(marketplacetest.Fault{Op: "Users.Get", Reset: true})

	email, err := signUp(context.Background(), c, "ada@example.com")
	require.NoError(t, err)
	assert.Equal(t, "ada@example.com", email)
	assert.Len(t, srv.Users(), 1, "one user, however often the request was sent")
	assert.Equal(t, 4, srv.Requests()) // 429, create, reset, read
}

// README end

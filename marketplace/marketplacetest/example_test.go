package marketplacetest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// signUp is code under test: it creates a user and, when the API asks it
// to slow down, waits as long as the API says and tries once more.
func signUp(ctx context.Context, c *marketplace.Client, email string) (*marketplace.User, error) {
	req := &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: email}
	u, err := c.Users.Create(ctx, req)
	var apiErr *marketplace.APIError
	if errors.Is(err, marketplace.ErrRateLimited) && errors.As(err, &apiErr) {
		fmt.Println("rate limited; trying again in", apiErr.RetryAfter)
		select {
		case <-time.After(apiErr.RetryAfter):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		u, err = c.Users.Create(ctx, req)
	}
	return u, err
}

// A test of signUp that makes the API rate-limit the create, and cuts the
// connection of the read that follows.
func ExampleServer_Inject() {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	// The SDK sleeps a Retry-After of up to 10ms itself; a longer one is
	// handed back to signUp at once.
	c := srv.Client(marketplace.WithRetryPolicy(marketplace.RetryPolicy{MinWait: time.Millisecond, MaxRetryAfter: 10 * time.Millisecond}))
	srv.Inject(marketplacetest.Fault{Op: "Users.Create", Status: http.StatusTooManyRequests, RetryAfter: time.Second})
	srv.Inject(marketplacetest.Fault{Op: "Users.Get", Reset: true})
	ctx := context.Background()

	u, err := signUp(ctx, c, "ada@example.com")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("signed up", u.ID)

	got, err := c.Users.Get(ctx, u.ID) // safe: the SDK retries it after the reset
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("read back", got.Email)
	fmt.Println("stored users:", len(srv.Users()), "requests:", srv.Requests())
	// Output:
	// rate limited; trying again in 1s
	// signed up u_1
	// read back ada@example.com
	// stored users: 1 requests: 4
}

// Seed the fake with AddUser and read what your code changed with User.
func ExampleServer_AddUser() {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	id := srv.AddUser(marketplace.User{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})

	// the code under test
	_, err := srv.Client().Users.Update(context.Background(), id, &marketplace.UserUpdateRequest{PreferredName: marketplace.Ptr("Countess")})
	if err != nil {
		log.Fatal(err)
	}
	u, _ := srv.User(id)
	fmt.Println(u.ID, u.PreferredName)
	// Output: u_1 Countess
}

package tenantstest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/userapis/sdk/tenants"
	"github.com/userapis/sdk/tenants/tenantstest"
)

// onboard is code under test: it finds the learner by e-mail address, and
// creates them when the tenant has no such user.
func onboard(ctx context.Context, c *tenants.Client, email string) (*tenants.User, error) {
	u, err := c.Users.Search(ctx, &tenants.UserSearchOptions{Email: email})
	if errors.Is(err, tenants.ErrNotFound) {
		return c.Users.Create(ctx, &tenants.UserCreateRequest{FirstName: "Ada", LastName: "Lovelace", Email: email})
	}
	return u, err
}

// A test of onboard where the search's connection is cut and the create
// is rate-limited: the SDK retries the search (safe) and waits out the
// Retry-After before sending the create again, so onboard succeeds.
func ExampleServer_Inject() {
	srv := tenantstest.NewServer()
	defer srv.Close()
	srv.Inject(tenantstest.Fault{Op: "Users.Search", Reset: true})
	srv.Inject(tenantstest.Fault{Op: "Users.Create", Status: http.StatusTooManyRequests, RetryAfter: time.Second})

	u, err := onboard(context.Background(), srv.Client(), "ada@example.com")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("onboarded", u.Email, "as user", u.ID)
	stored, _ := srv.User(srv.Tenant, u.ID)
	fmt.Println("stored:", stored.FirstName, stored.Status)
	fmt.Println("requests:", srv.Requests()) // search reset, search 404, create 429, create
	// Output:
	// onboarded ada@example.com as user 1
	// stored: Ada Active
	// requests: 4
}

package classifiedstest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/classifieds/classifiedstest"
)

// syncAll is code under test: it walks every user and returns how many
// there are.
func syncAll(ctx context.Context, c *classifieds.Client) (int, error) {
	n := 0
	for _, err := range c.Users.All(ctx, &classifieds.UserListOptions{ItemsPerPage: 25}) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// refresh is code under test too: it reads one user, and when the API is
// busy says when to come back instead of waiting.
func refresh(ctx context.Context, c *classifieds.Client, id int64) (string, error) {
	u, err := c.Users.Get(ctx, id)
	var apiErr *classifieds.APIError
	if errors.Is(err, classifieds.ErrRateLimited) && errors.As(err, &apiErr) {
		return fmt.Sprintf("busy: come back in %v", apiErr.RetryAfter), nil
	}
	if err != nil {
		return "", err
	}
	return u.Email, nil
}

// A test of syncAll whose connection is cut on the third page, and of
// refresh under a 429 with Retry-After.
func ExampleServer_Inject() {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	srv.AddUsers(60) // three pages of 25
	// Faults on one operation apply in order: two that change nothing,
	// then a reset, so the third page's request is the one cut.
	srv.Inject(classifiedstest.Fault{Op: "Users.All", Times: 2})
	srv.Inject(classifiedstest.Fault{Op: "Users.All", Reset: true})
	srv.Inject(classifiedstest.Fault{Op: "Users.Get", Status: http.StatusTooManyRequests, RetryAfter: time.Second})
	ctx := context.Background()

	// Short waits between retries; a Retry-After over 10ms is returned.
	c := srv.Client(classifieds.WithRetryPolicy(classifieds.RetryPolicy{MinWait: time.Millisecond, MaxRetryAfter: 10 * time.Millisecond}))
	n, err := syncAll(ctx, c)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("synced", n, "users in", srv.Requests(), "requests") // the third page twice

	for range 2 {
		got, err := refresh(ctx, c, 7)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(got)
	}
	// Output:
	// synced 60 users in 4 requests
	// busy: come back in 1s
	// user7@example.test
}

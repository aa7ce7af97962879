package marketplace_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// newExampleUsers starts a fake and creates the named users on it, oldest
// first.
func newExampleUsers(names ...string) (*marketplacetest.Server, *marketplace.Client) {
	srv := marketplacetest.NewServer()
	c := srv.Client()
	for _, n := range names {
		_, err := c.Users.Create(context.Background(), &marketplace.UserCreateRequest{FirstName: n, Surname: "Example", Email: n + "@example.com"})
		if err != nil {
			log.Fatal(err)
		}
	}
	return srv, c
}

func ExampleNewClient() {
	srv := marketplacetest.NewServer()
	defer srv.Close()

	c, err := marketplace.NewClient(
		marketplace.WithBaseURL(srv.URL), // MMOB publishes no host: the base URL is required
		marketplace.WithAPIKey(srv.APIKey),
		marketplace.WithRetryPolicy(marketplace.RetryPolicy{MaxRetries: 1}),
	)
	if err != nil {
		log.Fatal(err)
	}
	page, err := c.Users.List(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("users:", *page.Total)

	_, err = marketplace.NewClient(marketplace.WithBaseURL(srv.URL))
	fmt.Println(err)
	// Output:
	// users: 0
	// marketplace: an API key is required (WithAPIKey)
}

func ExampleUsersService_Create() {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()

	u, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{
		FirstName:       "Ada",
		Surname:         "Lovelace",
		Email:           "ada@example.com",
		Postcode:        marketplace.Ptr("EC1A 1BB"),
		TermsConditions: marketplace.Ptr(true),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, u.FirstName, u.Surname, u.Postcode, u.TermsConditions)

	// Required fields are checked before anything is sent.
	_, err = c.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "Bob", Email: "bob@"})
	var ve *marketplace.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s %s\n", f.Field, f.Reason)
		}
	}
	// Output:
	// u_1 Ada Lovelace EC1A 1BB true
	// surname is required
	// email must be a valid e-mail address
}

func ExampleUsersService_Get() {
	srv, c := newExampleUsers("ada")
	defer srv.Close()

	u, err := c.Users.Get(context.Background(), "u_1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, u.Email)

	_, err = c.Users.Get(context.Background(), "u_404")
	fmt.Println(errors.Is(err, marketplace.ErrNotFound), err)
	// Output:
	// u_1 ada@example.com
	// true marketplace: GET /users/u_404: 404 Not Found
}

func ExampleUsersService_Update() {
	srv, c := newExampleUsers("ada")
	defer srv.Close()

	// Only the fields set are sent, so false and 0 can be sent on purpose.
	u, err := c.Users.Update(context.Background(), "u_1", &marketplace.UserUpdateRequest{
		TermsConditions: marketplace.Ptr(false),
		Visits:          marketplace.Ptr(0),
		Title:           marketplace.Ptr("Countess"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Title, u.FirstName, u.TermsConditions, u.Visits)
	// Output:
	// Countess ada false 0
}

func ExampleUsersService_List() {
	srv, c := newExampleUsers("ada", "bob", "cy", "dee", "eve")
	defer srv.Close()

	page, err := c.Users.List(context.Background(), &marketplace.UserListOptions{Page: 1, Size: 2})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("total", *page.Total, "page", *page.Page, "size", page.Size)
	for _, u := range page.Items {
		fmt.Println(u.ID, u.FirstName)
	}

	page, err = c.Users.List(context.Background(), &marketplace.UserListOptions{Email: "bob@example.com"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("by email:", page.Items[0].ID)
	// Output:
	// total 5 page 1 size 2
	// u_3 cy
	// u_2 bob
	// by email: u_2
}

func ExampleUsersService_All() {
	srv, c := newExampleUsers("ada", "bob", "cy", "dee", "eve")
	defer srv.Close()

	// Pages of 2 are fetched one at a time, newest users first.
	for u, err := range c.Users.All(context.Background(), &marketplace.UserListOptions{Size: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.ID, u.FirstName)
	}
	// Output:
	// u_5 eve
	// u_4 dee
	// u_3 cy
	// u_2 bob
	// u_1 ada
}

func ExampleBroadbandService_Create() {
	srv, c := newExampleUsers("ada")
	defer srv.Close()

	e, err := c.Broadband.Create(context.Background(), &marketplace.BroadbandCreateRequest{
		CPUserID:  "u_1",
		Provider:  marketplace.Ptr("FibreCo"),
		DownSpeed: marketplace.Ptr("900"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.ID, e.CPUserID, e.Meta["broadbandProvider"], e.Meta["broadbandDownSpeed"])
	// Output:
	// bb_1 u_1 FibreCo 900
}

func ExampleBroadbandService_Get() {
	srv, c := newExampleUsers("ada")
	defer srv.Close()
	ctx := context.Background()

	if _, err := c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: "u_1", PPM: marketplace.Ptr("29.99")}); err != nil {
		log.Fatal(err)
	}
	e, err := c.Broadband.Get(ctx, "u_1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.ID, e.Meta["broadbandPpm"])
	// Output:
	// bb_1 29.99
}

func ExampleBroadbandService_Update() {
	srv, c := newExampleUsers("ada")
	defer srv.Close()
	ctx := context.Background()

	if _, err := c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{CPUserID: "u_1", PPM: marketplace.Ptr("29.99")}); err != nil {
		log.Fatal(err)
	}
	// Updates are safe to retry: a 503 is absorbed by the default policy.
	srv.FailNext(1, http.StatusServiceUnavailable)
	e, err := c.Broadband.Update(ctx, "u_1", &marketplace.BroadbandUpdateRequest{PPM: marketplace.Ptr("24.99")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.Meta["broadbandPpm"])
	// Output:
	// 24.99
}

// Hooks wire a tracer and a metrics counter into every call and attempt in
// a few lines, without the SDK depending on either.
func ExampleWithHooks() {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	type spanKey struct{}
	counts := map[string]int{} // metric: calls by operation and outcome
	var mu sync.Mutex
	hooks := marketplace.Hooks{
		OnCall: func(ctx context.Context, c marketplace.CallInfo) (context.Context, func(error)) {
			span := c.API + " " + c.Operation // a tracer would start a span here
			ctx = context.WithValue(ctx, spanKey{}, span)
			return ctx, func(err error) {
				mu.Lock()
				defer mu.Unlock()
				counts[fmt.Sprintf("%s %s ok=%t", c.Operation, c.Route, err == nil)]++
			}
		},
		OnAttempt: func(ctx context.Context, a marketplace.AttemptInfo) {
			fmt.Printf("%s: attempt %d, status %d, next in %v\n", ctx.Value(spanKey{}), a.Attempt, a.StatusCode, a.RetryIn > 0)
		},
	}
	c := srv.Client(marketplace.WithHooks(hooks), marketplace.WithRetryPolicy(marketplace.RetryPolicy{MinWait: time.Millisecond}))
	ctx := context.Background()
	u, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com"})
	if err != nil {
		log.Fatal(err)
	}
	srv.Inject(marketplacetest.Fault{Op: "Users.Get", Status: 503})
	if _, err := c.Users.Get(ctx, u.ID); err != nil {
		log.Fatal(err)
	}
	_, err = c.Users.Get(ctx, "u_404")
	fmt.Println(errors.Is(err, marketplace.ErrNotFound))
	keys := slices.Sorted(maps.Keys(counts))
	for _, k := range keys {
		fmt.Println(k, counts[k])
	}
	// Output:
	// marketplace Users.Create: attempt 1, status 200, next in false
	// marketplace Users.Get: attempt 1, status 503, next in true
	// marketplace Users.Get: attempt 2, status 200, next in false
	// marketplace Users.Get: attempt 1, status 404, next in false
	// true
	// Users.Create /users ok=true 1
	// Users.Get /users/{user_id} ok=false 1
	// Users.Get /users/{user_id} ok=true 1
}

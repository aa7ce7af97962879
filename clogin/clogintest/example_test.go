package clogintest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

// register is code under test: it creates a parent user and, when the
// create may or may not have happened (a reset after the request was
// sent), looks for the user before creating again, so a flaky network
// never registers a family twice.
func register(ctx context.Context, c *clogin.Client, groupID int64, first, last string) (int64, error) {
	req := &clogin.CreateRequest{GroupID: groupID, Doc: clogin.UserFields{FirstName: first, LastName: last, MainEmail: "ada@example.com"}}
	res, err := c.Users.Create(ctx, req)
	if errors.Is(err, clogin.ErrOutcomeUnknown) {
		fmt.Println("create: outcome unknown; looking before creating again")
		for u, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: groupID, OnlyParents: true}) {
			if err != nil {
				return 0, err
			}
			if u.MetaInfo.UName == first+" "+last {
				return u.CloginID, nil
			}
		}
		fmt.Println("not there: creating again")
		res, err = c.Users.Create(ctx, req)
	}
	if err != nil {
		return 0, err
	}
	return res.UserInfo.CloginID, nil
}

// A test of register where the create's connection is cut and the lookup
// is rate-limited: the SDK waits out the lookup's Retry-After itself.
func ExampleServer_Inject() {
	srv := clogintest.NewServer()
	defer srv.Close()
	srv.SeedFamilies(srv.GroupID, 1) // someone else's family
	srv.Inject(clogintest.Fault{Op: "Users.Create", Reset: true})
	srv.Inject(clogintest.Fault{Op: "Users.All", Status: http.StatusTooManyRequests, RetryAfter: time.Second})

	id, err := register(context.Background(), srv.Client(), srv.GroupID, "Ada", "Lovelace")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("registered", id)
	fmt.Println("parents and children stored:", len(srv.Users(srv.GroupID)))
	fmt.Println("requests:", srv.Requests()) // create reset, list 429, list, create
	// Output:
	// create: outcome unknown; looking before creating again
	// not there: creating again
	// registered 5550003
	// parents and children stored: 3
	// requests: 4
}

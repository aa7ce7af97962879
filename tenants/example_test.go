package tenants_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/userapis/sdk/tenants"
	"github.com/userapis/sdk/tenants/tenantstest"
)

func ExampleNewClient() {
	// Against Aptem itself the base URL is derived from the tenant:
	// https://acme.aptem.co.uk/api/1.0.
	c, err := tenants.NewClient(tenants.WithTenant("acme"), tenants.WithToken("your-api-token"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Tenant())

	// A tenant name that is not a DNS label is refused.
	_, err = tenants.NewClient(tenants.WithTenant("evil.com/x"), tenants.WithToken("your-api-token"))
	fmt.Println(err)
	// Output:
	// acme
	// tenants: invalid tenant name "evil.com/x": must be a DNS label (1 to 63 letters, digits or hyphens, not starting or ending with a hyphen)
}

func ExampleUsersService_Create() {
	srv := tenantstest.NewServer()
	defer srv.Close()
	c := srv.Client()

	u, err := c.Users.Create(context.Background(), &tenants.UserCreateRequest{
		FirstName:       "Ada",
		LastName:        "Lovelace",
		Email:           "ada@example.com",
		ReferenceNumber: tenants.Ptr("REF-0042"),
		JobActiveSync:   tenants.Ptr(false),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, u.FirstName, u.LastName, u.Status)
	// Output: 1 Ada Lovelace Active
}

func ExampleUsersService_Search() {
	srv := tenantstest.NewServer()
	defer srv.Close()
	srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com", ReferenceNumber: "REF-0042"})
	c := srv.Client()

	u, err := c.Users.Search(context.Background(), &tenants.UserSearchOptions{RefNum: "REF-0042", Email: "ada@example.com"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, u.FirstName)

	_, err = c.Users.Search(context.Background(), &tenants.UserSearchOptions{RefNum: "REF-0042", Email: "bob@example.com"})
	fmt.Println(errors.Is(err, tenants.ErrNotFound))

	_, err = c.Users.Search(context.Background(), nil)
	fmt.Println(err)
	// Output:
	// 1 Ada
	// true
	// tenants: Users.Search: invalid input: userId: one of userId, refNum or email is required
}

func ExampleUsersService_Get() {
	srv := tenantstest.NewServer()
	defer srv.Close()
	srv.AddUser(srv.Tenant, tenants.User{ID: 4021, FirstName: "Ada", Email: "ada@example.com"})
	c := srv.Client()

	u, err := c.Users.Get(context.Background(), 4021)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, u.FirstName, u.Email)
	// Output: 4021 Ada ada@example.com
}

func ExampleUsersService_Update() {
	srv := tenantstest.NewServer()
	defer srv.Close()
	ada := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", LastName: "Byron", Email: "ada@example.com", WeeklyHours: 30})
	c := srv.Client()

	// Only the fields set change (Update reads the user and PUTs it back
	// whole); Ptr(0) sets a zero on purpose.
	u, err := c.Users.Update(context.Background(), ada.ID, &tenants.UserUpdateRequest{
		LastName:    tenants.Ptr("Lovelace"),
		WeeklyHours: tenants.Ptr(0),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.FirstName, u.LastName, u.WeeklyHours)
	// Output: Ada Lovelace 0
}

func ExampleUsersService_Deactivate() {
	srv := tenantstest.NewServer()
	defer srv.Close()
	ada := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", Email: "ada@example.com"})
	c := srv.Client()

	if err := c.Users.Deactivate(context.Background(), ada.ID); err != nil {
		log.Fatal(err)
	}
	// A deactivated user is still found, with its new status.
	u, err := c.Users.Get(context.Background(), ada.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.FirstName, u.Status)
	// Output: Ada Deactivated
}

func ExampleClient_ForTenant() {
	srv := tenantstest.NewServer()
	defer srv.Close()
	globexToken := srv.AddTenant("globex")
	srv.AddUser("globex", tenants.User{FirstName: "Grace", Email: "grace@example.com"})

	acme := srv.Client()
	// Same token, another tenant: Aptem answers 403.
	g, err := acme.ForTenant("globex")
	if err != nil {
		log.Fatal(err)
	}
	_, err = g.Users.Get(context.Background(), 1)
	fmt.Println(errors.Is(err, tenants.ErrForbidden))

	// With globex's own token the derived client shares acme's connections.
	g, err = acme.ForTenant("globex", tenants.WithToken(globexToken))
	if err != nil {
		log.Fatal(err)
	}
	u, err := g.Users.Get(context.Background(), 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Tenant(), u.FirstName)
	// Output:
	// true
	// globex Grace
}

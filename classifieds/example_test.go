package classifieds_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/classifieds/classifiedstest"
)

func Example() {
	srv := classifiedstest.NewServer() // use WithBaseURL("https://host/rest/v1") for the real API
	defer srv.Close()

	c, err := classifieds.NewClient(
		classifieds.WithBaseURL(srv.URL),
		classifieds.WithAPIKey(srv.APIKey),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.AddUsers(3)
	page, err := c.Users.List(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, u := range page.Items {
		fmt.Println(u.UserID, u.LastName)
	}
	// Output:
	// 1 User 1
	// 2 User 2
	// 3 User 3
}

func ExampleUsersService_Create() {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	c, ctx := srv.Client(), context.Background()

	u, err := c.Users.Create(ctx, &classifieds.UserCreateRequest{
		CompanyName: "Bedrijfsnaam",
		LastName:    "Achternaam",
		PostalCode:  "2818 AA",
		City:        "Zoetermeer",
		Country:     classifieds.Ptr("NL"),
		Email:       "info@test.nl",
		Cellular:    "06-12345678",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("created user", u.UserID, "in", u.City)
	fmt.Println("token characters:", len(u.Activation.ActivationToken))

	if err := c.Users.Activate(ctx, u.UserID, u.Activation.ActivationToken); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("activated:", srv.Activated(u.UserID))
	// Output:
	// created user 1 in Zoetermeer
	// token characters: 64
	// activated: true
}

func ExampleUsersService_Create_validation() {
	srv := classifiedstest.NewServer()
	defer srv.Close()

	_, err := srv.Client().Users.Create(context.Background(), &classifieds.UserCreateRequest{
		LastName:   "Jansen",
		Country:    classifieds.Ptr("NL"),
		PostalCode: "2818 SA",
		Gender:     "X",
		Email:      "jansen@example.nl",
	})
	var ve *classifieds.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Field+":", f.Reason)
		}
	}
	fmt.Println("requests sent:", srv.Requests())
	// Output:
	// phone: phone or cellular is required
	// gender: must be one of M, F
	// postalCode: must be a Dutch postal code such as "2818 AA"
	// requests sent: 0
}

func ExampleUsersService_Get() {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	srv.AddUsers(2)
	c, ctx := srv.Client(), context.Background()

	u, err := c.Users.Get(ctx, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.UserID, u.Email, u.PostalCode)

	_, err = c.Users.Get(ctx, 99)
	fmt.Println(errors.Is(err, classifieds.ErrNotFound))
	// Output:
	// 2 user2@example.test 2818 AA
	// true
}

func ExampleUsersService_List() {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	srv.AddUsers(30)

	page, err := srv.Client().Users.List(context.Background(), &classifieds.UserListOptions{
		Page:         2,
		ItemsPerPage: 20,
		UseCache:     classifieds.Ptr(false),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("page", page.Page, "holds", len(page.Items), "users, from", page.Items[0].UserID)
	// Output:
	// page 2 holds 10 users, from 21
}

func ExampleUsersService_All() {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	srv.AddUsers(250)

	n := 0
	for _, err := range srv.Client().Users.All(context.Background(), &classifieds.UserListOptions{ItemsPerPage: 100}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		n++
	}
	fmt.Println(n, "users in", srv.Requests(), "requests")
	// Output:
	// 250 users in 3 requests
}

func ExampleUsersService_Update() {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	srv.AddUsers(1)

	u, err := srv.Client().Users.Update(context.Background(), 1, &classifieds.UserUpdateRequest{
		City:     classifieds.Ptr("Delft"),
		Cellular: classifieds.Ptr("06-87654321"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.City, u.Cellular, u.Phone)
	// Output:
	// Delft 06-87654321 079-1234567
}

func ExampleUsersService_Delete() {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	srv.AddUsers(2)
	c, ctx := srv.Client(), context.Background()

	fmt.Println(c.Users.Delete(ctx, 1, nil))
	fmt.Println(c.Users.Delete(ctx, 2, &classifieds.DeleteOptions{IP: "127.0.0.2"}))
	fmt.Println(srv.Len(), "users left")
	// Output:
	// <nil>
	// <nil>
	// 0 users left
}

func ExampleUsersService_GenerateActivation() {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	srv.AddUsers(1)
	c, ctx := srv.Client(), context.Background()

	for i := 1; i <= 6; i++ {
		a, err := c.Users.GenerateActivation(ctx, 1)
		var apiErr *classifieds.APIError
		if errors.As(err, &apiErr) && errors.Is(err, classifieds.ErrRateLimited) {
			fmt.Println("call", i, "refused:", apiErr.Messages[0])
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("call", i, "token for user", a.UserID)
	}
	// Output:
	// call 1 token for user 1
	// call 2 token for user 1
	// call 3 token for user 1
	// call 4 token for user 1
	// call 5 token for user 1
	// call 6 refused: maximum number of requests has exceeded. please try again later...
}

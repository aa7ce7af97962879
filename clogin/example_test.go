package clogin_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

func ExampleNewClient() {
	c, err := clogin.NewClient(clogin.WithCredentials(clogin.Credentials{
		APIUser:  "admin@example.com",
		APIToken: "cd8c417d-7cde-4bbe-83fc-94fccd7c0379",
		APIID:    23218,
	}))
	if err != nil {
		log.Fatal(err)
	}
	_ = c // c.Users runs the actions against https://www.regpack.com/reg/api2/users/
	fmt.Println(clogin.Credentials{APIUser: "admin@example.com", APIToken: "secret", APIID: 23218})
	// Output:
	// clogin.Credentials{APIUser: "admin@example.com", APIToken: "[REDACTED]", APIID: 23218}
}

func ExampleUsersService_Create() {
	srv := clogintest.NewServer()
	defer srv.Close()
	c, ctx := srv.Client(), context.Background()

	parent, err := c.Users.Create(ctx, &clogin.CreateRequest{
		GroupID:             srv.GroupID,
		DisableEmailSending: clogin.Ptr(true),
		Doc:                 clogin.UserFields{FirstName: "Ada", LastName: "Lovelace", MainEmail: "ada@example.com", Password: "analytical"},
	})
	if err != nil {
		log.Fatal(err)
	}
	child, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{
		GroupID:     srv.GroupID,
		ConnectedTo: parent.UserInfo.CloginID,
		Doc:         clogin.UserFields{FirstName: "Byron", LastName: "King"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(parent.Message, parent.UserInfo.CloginID, parent.UserInfo.IsChild())
	fmt.Println(child.Message, child.UserInfo.CloginID, "child of", child.UserInfo.ConnectedTo)
	// Output:
	// User created 5550001 false
	// Child created 5550002 child of 5550001
}

func ExampleUsersService_Login() {
	srv := clogintest.NewServer()
	defer srv.Close()
	ids := srv.SeedFamilies(srv.GroupID, 0)

	res, err := srv.Client().Users.Login(context.Background(), &clogin.LoginRequest{GroupID: srv.GroupID, CloginID: ids[0]})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Message, res.UserToken)
	// Output:
	// User logged in 5e0c1a9e-0000-4000-8000-000000000001
}

func ExampleUsersService_AddProduct() {
	srv := clogintest.NewServer()
	defer srv.Close()
	ids := srv.SeedFamilies(srv.GroupID, 0)
	camp := srv.NewProduct(srv.GroupID, "Summer camp", "250.00")

	res, err := srv.Client().Users.AddProduct(context.Background(), &clogin.AddProductRequest{
		GroupID:     srv.GroupID,
		CloginID:    ids[0],
		ProductList: []clogin.Product{{PID: camp, Q: 2, ProductRemark: "two weeks"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.MetaInfo.UName, "owes", res.MetaInfo.TotalBalance, "cents:", res.MetaInfo.TotalBalance.Cents())
	// Output:
	// Parent 1 owes 500.00 cents: 50000
}

func ExampleUsersService_SetStatus() {
	srv := clogintest.NewServer()
	defer srv.Close()
	ids := srv.SeedFamilies(srv.GroupID, 0)

	res, err := srv.Client().Users.SetStatus(context.Background(), &clogin.SetStatusRequest{
		GroupID: srv.GroupID, CloginID: ids[0], StatusID: clogintest.StatusAccepted,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Message, res.Users, res.EffectedUsers, *res.MetaInfo.StatusName)
	// Output:
	// User status updated successfully. [5550001] 1 Accepted
}

func ExampleUsersService_All() {
	srv := clogintest.NewServer()
	defer srv.Close()
	srv.SeedFamilies(srv.GroupID, 2, 0, 1) // three families, 3 children between them

	for u, err := range srv.Client().Users.All(context.Background(), &clogin.UserListOptions{GroupID: srv.GroupID}) {
		if err != nil {
			log.Fatal(err)
		}
		role := "parent"
		if u.IsChild() {
			role = fmt.Sprint("child of ", u.ConnectedTo)
		}
		fmt.Println(u.CloginID, u.MetaInfo.UName, role)
	}
	// Output:
	// 5550001 Parent 1 parent
	// 5550004 Parent 2 parent
	// 5550005 Parent 3 parent
	// 5550002 Child 1.1 child of 5550001
	// 5550003 Child 1.2 child of 5550001
	// 5550006 Child 3.1 child of 5550005
}

func ExampleUsersService_Update_validation() {
	c, _ := clogin.NewClient(clogin.WithCredentials(clogin.Credentials{APIUser: "a@example.com", APIToken: "t", APIID: 1}))
	_, err := c.Users.Update(context.Background(), &clogin.UpdateRequest{
		Fields: map[string]clogin.FieldValue{"_usercart": clogin.Text("x")},
	})
	var ve *clogin.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f)
		}
	}
	// Output:
	// doc._usercart: is a system field; update cannot change it
	// group_id: must be a positive id
	// clogin_id: must be a positive id
}

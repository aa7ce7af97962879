package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

func cloginTour(ctx context.Context, t *tour, live bool) error {
	var c *clogin.Client
	var groupID, productID int64
	var err error
	if live {
		apiID, err1 := strconv.ParseInt(t.env("CLOGIN_API_ID"), 10, 64)
		gid, err2 := strconv.ParseInt(t.env("CLOGIN_GROUP_ID"), 10, 64)
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("CLOGIN_API_ID and CLOGIN_GROUP_ID must be numbers: %w", err)
		}
		groupID = gid
		productID, _ = strconv.ParseInt(t.env("CLOGIN_PRODUCT_ID"), 10, 64) // optional
		c, err = clogin.NewClient(clogin.WithCredentials(clogin.Credentials{
			APIUser: t.env("CLOGIN_API_USER"), APIToken: t.env("CLOGIN_API_TOKEN"), APIID: apiID,
		}))
	} else {
		srv := clogintest.NewServer()
		defer srv.Close()
		groupID = srv.GroupID
		productID = srv.NewProduct(groupID, "Summer camp", "250.00")
		srv.SeedFamilies(groupID, 2, 0, 1) // three families already registered
		t.say("the fake starts with project %d, one product and three families (3 parents, 3 children)", groupID)
		c, err = clogin.NewClient(clogin.WithBaseURL(srv.URL), clogin.WithCredentials(srv.Credentials))
	}
	if err != nil {
		return err
	}

	parent, err := c.Users.Create(ctx, &clogin.CreateRequest{
		GroupID:             groupID,
		DisableEmailSending: clogin.Ptr(true),
		Doc:                 clogin.UserFields{FirstName: "Ada", LastName: "Lovelace", MainEmail: "ada@example.com"},
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	pid := parent.UserInfo.CloginID
	t.say("created parent %d in project %d (connected_to %d: a parent is its own family)", pid, parent.UserInfo.GroupID, parent.UserInfo.ConnectedTo)

	_, err = c.Users.CreateChild(ctx, &clogin.CreateChildRequest{GroupID: groupID})
	var verr *clogin.ValidationError
	if !errors.As(err, &verr) {
		return fmt.Errorf("a child without a parent was not refused: %v", err)
	}
	t.say("a child without a parent is refused before sending: %v", verr)

	child, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{
		GroupID: groupID, ConnectedTo: pid, DisableEmailSending: clogin.Ptr(true),
		Doc: clogin.UserFields{FirstName: "Byron", LastName: "Lovelace"},
	})
	if err != nil {
		return fmt.Errorf("create child: %w", err)
	}
	t.say("created child %d, connected to %d", child.UserInfo.CloginID, child.UserInfo.ConnectedTo)

	if _, err := c.Users.Update(ctx, &clogin.UpdateRequest{
		GroupID: groupID, CloginID: child.UserInfo.CloginID, ConnectedTo: pid, SubmitForms: clogin.Ptr(false),
		Fields: map[string]clogin.FieldValue{"your_instrument": clogin.Text("cello"), "will_you_tour": clogin.Choices("no")},
	}); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	t.say("updated the child's form fields (forms not submitted, no triggers fired)")

	if productID > 0 {
		res, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{
			GroupID: groupID, CloginID: child.UserInfo.CloginID, ProductList: []clogin.Product{{PID: productID, Q: 1}},
		})
		if err != nil {
			return fmt.Errorf("add product: %w", err)
		}
		t.say("added product %d to the child's cart: order total %s", productID, res.MetaInfo.TotalOrder)
	}

	login, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: groupID, CloginID: pid})
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	t.say("login token for the parent: %d characters, single use", len(login.UserToken))

	parents, children := 0, 0
	for u, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: groupID}) {
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		if u.IsChild() {
			children++
		} else {
			parents++
		}
	}
	t.say("listed the project: %d parents and %d children, 50 parents a page", parents, children)

	_, err = c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: groupID, CloginID: 999999999})
	var apiErr *clogin.APIError
	if !errors.As(err, &apiErr) {
		return fmt.Errorf("get_info on an unknown user: want *APIError, got %v", err)
	}
	t.say("an unknown user answers success:false (HTTP %d): %q", apiErr.StatusCode, first(apiErr.Messages))
	return nil
}

// Command clogin walks the Regpack users API end to end: it creates a
// family (a parent and a child), updates the child's form fields, adds a
// product to the child's cart, logs the parent in and lists the project.
//
// With no environment it runs against the in-process fake (clogintest)
// and says so. With CLOGIN_API_USER, CLOGIN_API_TOKEN, CLOGIN_API_ID and
// CLOGIN_GROUP_ID set it talks to the live API instead, creating real
// users in that project (with e-mails disabled and forms not submitted);
// CLOGIN_PRODUCT_ID names a product to add (skipped when unset) and
// CLOGIN_BASE_URL replaces https://www.regpack.com/reg/api2.
//
//	go run ./examples/clogin
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"time"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// project is what the walk needs besides the client.
type project struct {
	groupID   int64
	productID int64  // 0: skip add_product
	email     string // the parent's main_email, unique on the live API
}

// run does the walk-through, writing a short account to w. env reads the
// environment (os.Getenv in main, a map in tests).
func run(ctx context.Context, w io.Writer, env func(string) string) error {
	c, p, cleanup, err := connect(w, env)
	if err != nil {
		return err
	}
	defer cleanup()

	parent, err := c.Users.Create(ctx, &clogin.CreateRequest{
		GroupID:             p.groupID,
		SubmitForms:         clogin.Ptr(false),
		DisableEmailSending: clogin.Ptr(true),
		Doc:                 clogin.UserFields{FirstName: "Ada", LastName: "Lovelace", MainEmail: p.email},
	})
	if err != nil {
		return fmt.Errorf("create parent: %w", err)
	}
	pid := parent.UserInfo.CloginID
	fmt.Fprintf(w, "created parent %d (%s) in project %d: %s\n", pid, parent.MetaInfo.UName, parent.UserInfo.GroupID, parent.Message)

	child, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{
		GroupID: p.groupID, ConnectedTo: pid,
		SubmitForms: clogin.Ptr(false), DisableEmailSending: clogin.Ptr(true),
		Doc: clogin.UserFields{FirstName: "Byron", LastName: "Lovelace"},
	})
	if err != nil {
		return fmt.Errorf("create child: %w", err)
	}
	cid := child.UserInfo.CloginID
	fmt.Fprintf(w, "created child %d, connected to %d\n", cid, child.UserInfo.ConnectedTo)

	if _, err := c.Users.Update(ctx, &clogin.UpdateRequest{
		GroupID: p.groupID, CloginID: cid, ConnectedTo: pid,
		SubmitForms: clogin.Ptr(false), DisableEmailSending: clogin.Ptr(true),
		Fields: map[string]clogin.FieldValue{"your_instrument": clogin.Text("cello"), "will_you_tour": clogin.Choices("no")},
	}); err != nil {
		return fmt.Errorf("update child: %w", err)
	}
	fmt.Fprintln(w, "updated the child's form fields (forms not submitted)")

	if p.productID > 0 {
		res, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{
			GroupID: p.groupID, CloginID: cid, ConnectedTo: pid,
			ProductList: []clogin.Product{{PID: p.productID, Q: 1}},
		})
		if err != nil {
			return fmt.Errorf("add product: %w", err)
		}
		fmt.Fprintf(w, "added product %d to the child's cart: order %s, balance %s\n", p.productID, res.MetaInfo.TotalOrder, res.MetaInfo.TotalBalance)
	} else {
		fmt.Fprintln(w, "no CLOGIN_PRODUCT_ID: add_product skipped")
	}

	login, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: p.groupID, CloginID: pid})
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	fmt.Fprintf(w, "login token for the parent: %d characters, single use\n", len(login.UserToken))

	parents, children, shown := 0, 0, 0
	for u, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: p.groupID}) {
		if err != nil {
			return fmt.Errorf("list users: %w", err)
		}
		if u.IsChild() {
			children++
		} else {
			parents++
		}
		if u.CloginID == pid || u.CloginID == cid {
			fmt.Fprintf(w, "  listed %d %s (connected to %d, balance %s)\n", u.CloginID, u.MetaInfo.UName, u.ConnectedTo, u.MetaInfo.TotalBalance)
			shown++
		}
	}
	fmt.Fprintf(w, "listed %d parents and %d children, 50 parents a page\n", parents, children)
	if shown != 2 {
		return fmt.Errorf("the new family was not in the list (found %d of 2)", shown)
	}
	return nil
}

// connect builds the client: the live API when the CLOGIN_* variables are
// set, else a fake started here with a product and two families in it.
func connect(w io.Writer, env func(string) string) (*clogin.Client, project, func(), error) {
	names := []string{"CLOGIN_API_USER", "CLOGIN_API_TOKEN", "CLOGIN_API_ID", "CLOGIN_GROUP_ID"}
	set := 0
	for _, n := range names {
		if env(n) != "" {
			set++
		}
	}
	switch set {
	case 0:
		srv := clogintest.NewServer()
		fmt.Fprintln(w, "Using the in-process fake Regpack API (set CLOGIN_API_USER, CLOGIN_API_TOKEN, CLOGIN_API_ID and CLOGIN_GROUP_ID for the live one).")
		srv.SeedFamilies(srv.GroupID, 2, 0)
		p := project{groupID: srv.GroupID, productID: srv.NewProduct(srv.GroupID, "Summer camp", "250.00"), email: "ada@example.com"}
		return srv.Client(), p, srv.Close, nil
	case len(names):
	default:
		return nil, project{}, nil, errors.New("set all of CLOGIN_API_USER, CLOGIN_API_TOKEN, CLOGIN_API_ID and CLOGIN_GROUP_ID, or none to use the fake")
	}
	apiID, err1 := strconv.ParseInt(env("CLOGIN_API_ID"), 10, 64)
	groupID, err2 := strconv.ParseInt(env("CLOGIN_GROUP_ID"), 10, 64)
	var productID int64
	var err3 error
	if v := env("CLOGIN_PRODUCT_ID"); v != "" {
		productID, err3 = strconv.ParseInt(v, 10, 64)
	}
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, project{}, nil, fmt.Errorf("CLOGIN_API_ID, CLOGIN_GROUP_ID and CLOGIN_PRODUCT_ID must be numbers: %w", err)
	}
	opts := []clogin.Option{
		clogin.WithCredentials(clogin.Credentials{APIUser: env("CLOGIN_API_USER"), APIToken: env("CLOGIN_API_TOKEN"), APIID: apiID}),
		clogin.WithUserAgent("userapis-example"),
	}
	if base := env("CLOGIN_BASE_URL"); base != "" {
		opts = append(opts, clogin.WithBaseURL(base))
	}
	c, err := clogin.NewClient(opts...)
	if err != nil {
		return nil, project{}, nil, err
	}
	fmt.Fprintf(w, "Using the Regpack API at %s, project %d.\n", c.BaseURL(), groupID)
	p := project{groupID: groupID, productID: productID, email: fmt.Sprintf("sdk-example+%d@example.com", time.Now().Unix())}
	return c, p, func() {}, nil
}

package clogin_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/clogin/clogintest"
)

// fastClient is a client for srv whose retries take milliseconds.
func fastClient(t *testing.T, srv *clogintest.Server, opts ...clogin.Option) *clogin.Client {
	t.Helper()
	base := []clogin.Option{
		clogin.WithBaseURL(srv.URL),
		clogin.WithCredentials(srv.Credentials),
		clogin.WithRetryPolicy(clogin.RetryPolicy{MaxRetries: 2, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond}),
	}
	c, err := clogin.NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

func newFake(t *testing.T) (*clogintest.Server, *clogin.Client, context.Context) {
	t.Helper()
	srv := clogintest.NewServer()
	t.Cleanup(srv.Close)
	return srv, fastClient(t, srv), context.Background()
}

func TestUsersService_Create_andCreateChild(t *testing.T) {
	srv, c, ctx := newFake(t)
	parent, err := c.Users.Create(ctx, &clogin.CreateRequest{
		GroupID: srv.GroupID,
		Doc: clogin.UserFields{FirstName: "Ada", LastName: "Lovelace", MainEmail: "ada@example.com", Password: "analytical",
			Fields: map[string]clogin.FieldValue{"your_instrument": clogin.Text("cello")}},
	})
	require.NoError(t, err)
	assert.True(t, parent.Success)
	assert.Equal(t, "User created", parent.Message)
	assert.Equal(t, []string{"User registered"}, parent.SystemAction)
	id := parent.UserInfo.CloginID
	assert.Positive(t, id)
	assert.Equal(t, srv.GroupID, parent.UserInfo.GroupID)
	assert.Equal(t, id, parent.UserInfo.ConnectedTo)
	assert.Equal(t, "Ada Lovelace", parent.MetaInfo.UName)
	assert.Contains(t, string(parent.Raw), `"clogin_id":"`+strconv.FormatInt(id, 10)+`"`, "ids arrive as strings")

	child, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{GroupID: srv.GroupID, ConnectedTo: id})
	require.NoError(t, err)
	assert.True(t, child.UserInfo.IsChild())
	assert.Equal(t, id, child.UserInfo.ConnectedTo)

	got, ok := srv.User(srv.GroupID, id)
	require.True(t, ok)
	assert.Equal(t, "cello", got.Fields["your_instrument"])
	assert.Equal(t, "ada@example.com", got.Fields["username"], "username defaults to main_email")

	// The same person joins another project with its clogin id.
	other, err := c.Users.Create(ctx, &clogin.CreateRequest{GroupID: srv.GroupID + 1, CloginID: id})
	require.NoError(t, err)
	assert.Equal(t, id, other.UserInfo.CloginID)
	assert.Equal(t, srv.GroupID+1, other.UserInfo.GroupID)
}

func TestUsersService_Create_failure(t *testing.T) {
	srv, c, ctx := newFake(t)
	req := &clogin.CreateRequest{GroupID: srv.GroupID, Doc: clogin.UserFields{MainEmail: "ada@example.com"}}
	_, err := c.Users.Create(ctx, req)
	require.NoError(t, err)
	_, err = c.Users.Create(ctx, req)
	var ae *clogin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, http.StatusOK, ae.StatusCode)
	assert.Equal(t, []string{"username already exists"}, ae.Messages)
	assert.Equal(t, "clogin: POST /users/: 200 OK: username already exists", ae.Error())
	assert.Contains(t, string(ae.Body), `"success":false`)
	assert.Equal(t, 1, ae.Attempts)
}

func TestUsersService_CreateChild_unknownParent(t *testing.T) {
	srv, c, ctx := newFake(t)
	_, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{GroupID: srv.GroupID, ConnectedTo: 999})
	var ae *clogin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Contains(t, ae.Messages[0], "connected_to")
}

func TestUsersService_Login(t *testing.T) {
	srv, c, ctx := newFake(t)
	ids := srv.SeedFamilies(srv.GroupID, 1)
	res, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: srv.GroupID, CloginID: ids[0]})
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, res.UserToken)
	got, _ := srv.User(srv.GroupID, ids[0])
	assert.Equal(t, []string{res.UserToken}, got.Tokens)

	_, err = c.Users.Login(ctx, &clogin.LoginRequest{GroupID: srv.GroupID, CloginID: 1})
	var ae *clogin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, []string{"user not found in this project"}, ae.Messages)
}

func TestUsersService_Update(t *testing.T) {
	srv, c, ctx := newFake(t)
	ids := srv.SeedFamilies(srv.GroupID, 1)
	child := ids[0] + 1
	_, err := c.Users.Update(ctx, &clogin.UpdateRequest{
		GroupID: srv.GroupID, CloginID: child, ConnectedTo: ids[0], SubmitForms: new(bool),
		Fields: map[string]clogin.FieldValue{"your_instrument": clogin.Text("cello"), "will_you_tour": clogin.Choices("no")},
		Doc:    map[string]string{"f_100200_3004005": "free text"},
	})
	require.NoError(t, err)
	got, _ := srv.User(srv.GroupID, child)
	assert.Equal(t, "cello", got.Fields["your_instrument"])
	assert.Equal(t, []string{"no"}, got.Fields["will_you_tour"])
	assert.Equal(t, "free text", got.Fields["f_100200_3004005"])

	// A system field sent through Doc is refused by the server.
	_, err = c.Users.Update(ctx, &clogin.UpdateRequest{GroupID: srv.GroupID, CloginID: child, Doc: map[string]string{"_usercart": "x"}})
	var ae *clogin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Contains(t, ae.Messages[0], "system field")
}

func TestUsersService_AddProduct(t *testing.T) {
	srv, c, ctx := newFake(t)
	ids := srv.SeedFamilies(srv.GroupID, 0)
	camp := srv.NewProduct(srv.GroupID, "Summer camp", "250.50")
	res, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{
		GroupID: srv.GroupID, CloginID: ids[0],
		ProductList: []clogin.Product{{PID: camp, Q: 2, ProductRemark: "two weeks"}, {Name: "Private lesson", Q: 1}},
	})
	require.NoError(t, err)
	assert.Equal(t, "501.00", res.MetaInfo.TotalOrder.String())
	assert.Equal(t, int64(50100), res.MetaInfo.TotalBalance.Cents())
	assert.True(t, res.MetaInfo.TotalPaid.IsZero())
	got, _ := srv.User(srv.GroupID, ids[0])
	require.Len(t, got.Cart, 2)
	assert.Equal(t, clogintest.CartLine{PID: camp, Name: "Summer camp", Q: 2, ProductRemark: "two weeks", Cents: 25050}, got.Cart[0])

	// clogin_id false: a user new to the organization gets the product.
	res, err = c.Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: srv.GroupID, ProductList: []clogin.Product{{PID: camp, Q: 1}}})
	require.NoError(t, err)
	assert.Greater(t, res.UserInfo.CloginID, ids[0])

	_, err = c.Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: srv.GroupID, CloginID: ids[0], ProductList: []clogin.Product{{PID: 999, Q: 1}}})
	var ae *clogin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, []string{"product 999 not found"}, ae.Messages)
}

func TestUsersService_AddEmail(t *testing.T) {
	srv, c, ctx := newFake(t)
	ids := srv.SeedFamilies(srv.GroupID, 0)
	mail := clogin.Email{From: "office@example.com", To: "ada@example.com", Subject: "Hi", Body: "<p>Hello & welcome</p>", BCC: "a@example.com"}
	_, err := c.Users.AddEmail(ctx, &clogin.AddEmailRequest{GroupID: srv.GroupID, CloginID: ids[0], EmailList: []clogin.Email{mail}})
	require.NoError(t, err)
	got, _ := srv.User(srv.GroupID, ids[0])
	assert.Equal(t, []clogin.Email{mail}, got.Emails)
}

func TestUsersService_GetInfo(t *testing.T) {
	srv, c, ctx := newFake(t)
	ids := srv.SeedFamilies(srv.GroupID, 2)
	res, err := c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: srv.GroupID, CloginID: ids[0] + 1, Family: true, Fields: []string{"first_name"}})
	require.NoError(t, err)
	assert.Equal(t, "Child 1.1", res.MetaInfo.UName)
	require.NotNil(t, res.Parent)
	assert.Equal(t, "Parent 1", res.Parent.UName)
	require.Len(t, res.Children, 2)
	assert.Equal(t, "Child 1.2", res.Children[1].UName)
	assert.Contains(t, string(res.Raw), `"doc":{"first_name":"Child"}`)

	meta, err := c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: srv.GroupID, CloginID: ids[0]})
	require.NoError(t, err)
	assert.Nil(t, meta.Parent)
	assert.NotContains(t, string(meta.Raw), `"doc"`)
}

func TestUsersService_SetStatus(t *testing.T) {
	srv, c, ctx := newFake(t)
	ids := srv.SeedFamilies(srv.GroupID, 0)
	res, err := c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: srv.GroupID, CloginID: ids[0], StatusID: clogintest.StatusAccepted})
	require.NoError(t, err)
	assert.Equal(t, []int64{ids[0]}, res.Users)
	assert.Equal(t, 1, res.EffectedUsers)
	assert.Equal(t, clogintest.StatusAccepted, res.MetaInfo.StatusID)
	require.NotNil(t, res.MetaInfo.StatusName)
	assert.Equal(t, "Accepted", *res.MetaInfo.StatusName)

	res, err = c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: srv.GroupID, CloginID: ids[0]})
	require.NoError(t, err)
	assert.Zero(t, res.MetaInfo.StatusID)
	assert.Nil(t, res.MetaInfo.StatusName, "status_name is null without a status")

	_, err = c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: srv.GroupID, CloginID: ids[0], StatusID: 99})
	var ae *clogin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, []string{"status not found"}, ae.Messages)
}

func TestUsersService_Do(t *testing.T) {
	srv, c, ctx := newFake(t)
	ids := srv.SeedFamilies(srv.GroupID, 0)
	res, err := c.Users.Do(ctx, &clogin.Request{Action: "set_status", GroupID: srv.GroupID, CloginID: ids[0], Params: map[string]any{"status_id": 2}})
	require.NoError(t, err)
	assert.Equal(t, int64(2), res.MetaInfo.StatusID)

	_, err = c.Users.Do(ctx, &clogin.Request{Action: "merge_users", GroupID: srv.GroupID})
	var ae *clogin.APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, []string{`unknown action "merge_users"`}, ae.Messages)
}

// 120 families of 0 to 3 children: All yields every parent and child
// exactly once, page by page, each page's parents before their children.
func TestUsersService_All_families(t *testing.T) {
	srv, c, ctx := newFake(t)
	sizes := make([]int, 120)
	for i := range sizes {
		sizes[i] = i % 4
	}
	parents := srv.SeedFamilies(srv.GroupID, sizes...)
	want := map[int64]int64{} // id -> family
	for i, p := range parents {
		want[p] = p
		for j := range sizes[i] {
			want[p+int64(j)+1] = p
		}
	}
	require.Len(t, want, 120+180)
	before := srv.Requests()

	seen := map[int64]int{}
	var order []*clogin.UserSummary
	for u, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: srv.GroupID}) {
		require.NoError(t, err)
		seen[u.CloginID]++
		order = append(order, u)
		assert.Equal(t, want[u.CloginID], u.ConnectedTo, "family of %d", u.CloginID)
		assert.Equal(t, srv.GroupID, u.GroupID)
	}
	assert.Len(t, seen, len(want))
	for id, n := range seen {
		assert.Equal(t, 1, n, "user %d yielded once", id)
	}
	// Offsets 0, 1 (the probe that finds the server reads an offset: one
	// new parent), 51 and 101 (short).
	assert.Equal(t, 4, srv.Requests()-before, "120 parents: three pages of 50 and the probe")

	// Page by page: the first 50 parents, then their children, then the next.
	firstPageChildren := 0
	for i := range 50 {
		firstPageChildren += sizes[i]
	}
	for i := range 50 {
		assert.False(t, order[i].IsChild(), "item %d", i)
		assert.Equal(t, parents[i], order[i].CloginID)
	}
	for i := 50; i < 50+firstPageChildren; i++ {
		assert.True(t, order[i].IsChild(), "item %d", i)
	}
	assert.Equal(t, parents[50], order[50+firstPageChildren].CloginID)
}

func TestUsersService_All_breakStopsFetching(t *testing.T) {
	srv, c, ctx := newFake(t)
	srv.SeedFamilies(srv.GroupID, make([]int, 120)...)
	before := srv.Requests()
	n := 0
	for _, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: srv.GroupID}) {
		require.NoError(t, err)
		if n++; n == 60 {
			break
		}
	}
	// 50 from offset 0, 1 from the probe at offset 1, 9 of the page at 51.
	assert.Equal(t, 3, srv.Requests()-before)
}

func TestUsersService_All_startingPositionAndFamilies(t *testing.T) {
	srv, c, ctx := newFake(t)
	parents := srv.SeedFamilies(srv.GroupID, 1, 2, 0, 1)
	var got []int64
	for u, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: srv.GroupID, StartingPosition: 1, ReturnFamilies: true}) {
		require.NoError(t, err)
		got = append(got, u.CloginID)
	}
	// With return_families each parent is followed by its own children.
	assert.Equal(t, []int64{parents[1], parents[1] + 1, parents[1] + 2, parents[2], parents[3], parents[3] + 1}, got)
}

func TestUsersService_All_errorOnce(t *testing.T) {
	srv, c, ctx := newFake(t)
	srv.SeedFamilies(srv.GroupID, make([]int, 60)...)
	srv.FailNext(10, http.StatusUnauthorized)
	errs := 0
	for u, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: srv.GroupID}) {
		if err != nil {
			errs++
			assert.Nil(t, u)
			assert.ErrorIs(t, err, clogin.ErrUnauthorized)
		}
	}
	assert.Equal(t, 1, errs)

	var nilErr error
	for _, err := range c.Users.All(ctx, nil) {
		nilErr = err
	}
	assert.ErrorIs(t, nilErr, clogin.ErrInvalidInput)
}

func TestUsersService_List(t *testing.T) {
	srv, c, ctx := newFake(t)
	parents := srv.SeedFamilies(srv.GroupID, 2, 1, 0)
	_, err := c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: srv.GroupID, CloginID: parents[2], StatusID: clogintest.StatusCancelled})
	require.NoError(t, err)

	p, err := c.Users.List(ctx, &clogin.UserListOptions{GroupID: srv.GroupID})
	require.NoError(t, err)
	assert.Len(t, p.Users, 2, "the excluded parent is left out")
	assert.Len(t, p.Children, 3)
	assert.Equal(t, 5, p.TotalUsers)
	assert.Equal(t, 50, p.RecordsPerPage)
	assert.Zero(t, p.StartingPosition)

	p, err = c.Users.List(ctx, &clogin.UserListOptions{GroupID: srv.GroupID, OnlyExcluded: true})
	require.NoError(t, err)
	require.Len(t, p.Users, 1)
	assert.Equal(t, parents[2], p.Users[0].CloginID)
	assert.Equal(t, "Cancelled", *p.Users[0].MetaInfo.StatusName)

	p, err = c.Users.List(ctx, &clogin.UserListOptions{GroupID: srv.GroupID, WithExcluded: true, OnlyParents: true, StartingPosition: 1, AllFields: true})
	require.NoError(t, err)
	assert.Len(t, p.Users, 2)
	assert.Empty(t, p.Children)
	assert.Equal(t, 1, p.StartingPosition)
	assert.JSONEq(t, `{"first_name":"Parent","last_name":"2"}`, string(p.Users[0].Doc))

	var count int
	for u, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: srv.GroupID, OnlyChildren: true}) {
		require.NoError(t, err)
		assert.True(t, u.IsChild())
		count++
	}
	assert.Equal(t, 3, count)
}

// Login, GetInfo and List absorb a 503 with the default policy.
func TestUsers_safeActionsRetry503(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	c, ctx := srv.Client(), context.Background()
	ids := srv.SeedFamilies(srv.GroupID, 1)
	calls := map[string]func() error{
		"Login": func() error {
			_, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: srv.GroupID, CloginID: ids[0]})
			return err
		},
		"GetInfo": func() error {
			_, err := c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: srv.GroupID, CloginID: ids[0]})
			return err
		},
		"List": func() error {
			_, err := c.Users.List(ctx, &clogin.UserListOptions{GroupID: srv.GroupID})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			before := srv.Requests()
			srv.FailNext(1, http.StatusServiceUnavailable)
			require.NoError(t, call())
			assert.Equal(t, 2, srv.Requests()-before)
		})
	}
}

// The unsafe actions are sent exactly once when the server answers 500.
func TestUsers_unsafeActionsNotResentOn500(t *testing.T) {
	srv := clogintest.NewServer()
	defer srv.Close()
	c, ctx := srv.Client(), context.Background()
	ids := srv.SeedFamilies(srv.GroupID, 0)
	g, id := srv.GroupID, ids[0]
	calls := map[string]func() error{
		"Create": func() error { _, err := c.Users.Create(ctx, &clogin.CreateRequest{GroupID: g}); return err },
		"CreateChild": func() error {
			_, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{GroupID: g, ConnectedTo: id})
			return err
		},
		"Update": func() error {
			_, err := c.Users.Update(ctx, &clogin.UpdateRequest{GroupID: g, CloginID: id, Fields: map[string]clogin.FieldValue{"a": clogin.Text("b")}})
			return err
		},
		"AddProduct": func() error {
			_, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: g, CloginID: id, ProductList: []clogin.Product{{Name: "x", Q: 1}}})
			return err
		},
		"AddEmail": func() error {
			_, err := c.Users.AddEmail(ctx, &clogin.AddEmailRequest{GroupID: g, CloginID: id, EmailList: []clogin.Email{{From: "a", To: "b", Subject: "c", Body: "d"}}})
			return err
		},
		"SetStatus": func() error {
			_, err := c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: g, CloginID: id, StatusID: 1})
			return err
		},
		"Do": func() error {
			_, err := c.Users.Do(ctx, &clogin.Request{Action: "create", GroupID: g})
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			before := srv.Requests()
			srv.FailNext(1, http.StatusInternalServerError)
			err := call()
			assert.ErrorIs(t, err, clogin.ErrServer)
			var ae *clogin.APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, []string{"Internal Server Error (injected by FailNext)"}, ae.Messages)
			assert.Equal(t, 1, srv.Requests()-before)
		})
	}
	got, _ := srv.User(g, id)
	assert.Empty(t, got.Cart)
	assert.Empty(t, got.Emails)
}

// Every method reports a transport failure as a *url.Error.
func TestUsers_transportFailure(t *testing.T) {
	srv := clogintest.NewServer()
	c := fastClient(t, srv, clogin.WithRetryPolicy(clogin.RetryPolicy{MaxRetries: clogin.NoRetries}))
	srv.Close()
	ctx := context.Background()
	calls := map[string]func() error{
		"Create": func() error { _, err := c.Users.Create(ctx, &clogin.CreateRequest{GroupID: 1}); return err },
		"CreateChild": func() error {
			_, err := c.Users.CreateChild(ctx, &clogin.CreateChildRequest{GroupID: 1, ConnectedTo: 2})
			return err
		},
		"Login": func() error { _, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: 1, CloginID: 2}); return err },
		"Update": func() error {
			_, err := c.Users.Update(ctx, &clogin.UpdateRequest{GroupID: 1, CloginID: 2, Doc: map[string]string{"a": "b"}})
			return err
		},
		"AddProduct": func() error {
			_, err := c.Users.AddProduct(ctx, &clogin.AddProductRequest{GroupID: 1, ProductList: []clogin.Product{{PID: 1, Q: 1}}})
			return err
		},
		"AddEmail": func() error {
			_, err := c.Users.AddEmail(ctx, &clogin.AddEmailRequest{GroupID: 1, CloginID: 2, EmailList: []clogin.Email{{From: "a", To: "b", Subject: "c", Body: "d"}}})
			return err
		},
		"GetInfo": func() error {
			_, err := c.Users.GetInfo(ctx, &clogin.GetInfoRequest{GroupID: 1, CloginID: 2})
			return err
		},
		"SetStatus": func() error {
			_, err := c.Users.SetStatus(ctx, &clogin.SetStatusRequest{GroupID: 1, CloginID: 2})
			return err
		},
		"List": func() error { _, err := c.Users.List(ctx, &clogin.UserListOptions{GroupID: 1}); return err },
		"Do":   func() error { _, err := c.Users.Do(ctx, &clogin.Request{Action: "x", GroupID: 1}); return err },
		"All": func() error {
			for _, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: 1}) {
				return err
			}
			return nil
		},
	}
	for name, call := range calls {
		err := call()
		var ue *url.Error
		assert.True(t, errors.As(err, &ue), "%s: %v", name, err)
		assert.NotContains(t, err.Error(), srv.Credentials.APIToken)
	}
}

func TestUsers_contextCanceled(t *testing.T) {
	srv, c, _ := newFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: srv.GroupID, CloginID: 1})
	assert.ErrorIs(t, err, context.Canceled)
}

// The fake refuses wrong credentials and a stale Timestamp with 401.
func TestUsers_authRefused(t *testing.T) {
	srv, _, ctx := newFake(t)
	wrong := srv.Credentials
	wrong.APIToken = "00000000-0000-0000-0000-000000000000"
	stale := clogin.WithClock(func() time.Time { return time.Now().Add(-10 * time.Minute) })
	for name, c := range map[string]*clogin.Client{
		"wrong token":     fastClient(t, srv, clogin.WithCredentials(wrong)),
		"stale timestamp": fastClient(t, srv, stale),
	} {
		_, err := c.Users.Login(ctx, &clogin.LoginRequest{GroupID: srv.GroupID, CloginID: 1})
		assert.ErrorIs(t, err, clogin.ErrUnauthorized, name)
	}
	fresh := clogin.WithClock(func() time.Time { return time.Now().Add(-4 * time.Minute) })
	_, err := fastClient(t, srv, fresh).Users.List(ctx, &clogin.UserListOptions{GroupID: srv.GroupID})
	assert.NoError(t, err, "a Timestamp within five minutes is accepted")
}

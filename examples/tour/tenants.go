package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/userapis/sdk/tenants"
	"github.com/userapis/sdk/tenants/tenantstest"
)

func tenantsTour(ctx context.Context, t *tour, live bool) error {
	var c *tenants.Client
	var err error
	if live {
		c, err = tenants.NewClient(tenants.WithTenant(t.env("TENANTS_TENANT")), tenants.WithToken(t.env("TENANTS_TOKEN")))
	} else {
		srv := tenantstest.NewServer()
		defer srv.Close()
		c, err = tenants.NewClient(tenants.WithBaseURL(srv.URL), tenants.WithTenant(srv.Tenant), tenants.WithToken(srv.Token))
	}
	if err != nil {
		return err
	}

	ref := fmt.Sprintf("REF-%d", time.Now().Unix()%1e6)
	if !live {
		ref = "REF-1001"
	}
	u, err := c.Users.Create(ctx, &tenants.UserCreateRequest{
		FirstName: "Grace", LastName: "Hopper", Email: "grace@example.com", ReferenceNumber: tenants.Ptr(ref),
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	t.say("created learner %d: %s %s (ref %s)", u.ID, u.FirstName, u.LastName, u.ReferenceNumber)

	got, err := c.Users.Search(ctx, &tenants.UserSearchOptions{RefNum: ref})
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	t.say("found by reference number: user %d, status %q", got.ID, got.Status)

	upd, err := c.Users.Update(ctx, u.ID, &tenants.UserUpdateRequest{PreferredName: tenants.Ptr("Amazing Grace")})
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	t.say("updated: preferred name %q", upd.PreferredName)

	if err := c.Users.Deactivate(ctx, u.ID); err != nil {
		return fmt.Errorf("deactivate: %w", err)
	}
	after, err := c.Users.Get(ctx, u.ID)
	if err != nil {
		return fmt.Errorf("get after deactivate: %w", err)
	}
	t.say("deactivated: user %d is now %q", after.ID, after.Status)

	_, err = c.Users.Search(ctx, &tenants.UserSearchOptions{})
	var verr *tenants.ValidationError
	if !errors.As(err, &verr) {
		return fmt.Errorf("an empty search was not refused: %v", err)
	}
	t.say("an empty search is refused before sending: %v", verr)

	if _, err := tenants.NewClient(tenants.WithTenant("evil.example/x"), tenants.WithToken("t")); err != nil {
		t.say("a tenant name that could move the host is refused: %v", err)
	} else {
		return errors.New("a hostile tenant name was accepted")
	}

	_, err = c.Users.Get(ctx, 999999)
	if !errors.Is(err, tenants.ErrNotFound) {
		return fmt.Errorf("get unknown user: want ErrNotFound, got %v", err)
	}
	t.say("an unknown user is errors.Is(err, tenants.ErrNotFound)")
	return nil
}

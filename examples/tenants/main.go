// Command tenants walks the Aptem users API: create, get, search, update
// and deactivate a user, and the tenant boundary.
//
// With no environment set it starts the in-process fake (package
// tenantstest) and says so. With TENANTS_TENANT and TENANTS_TOKEN set it
// talks to https://{tenant}.aptem.co.uk/api/1.0 instead, read-only unless
// TENANTS_WRITE=1 (Aptem advises an integration tenant for that):
//
//	TENANTS_TENANT        tenant name, e.g. acme
//	TENANTS_TOKEN         service-account API token
//	TENANTS_TOKEN_HEADER  header for the token (default X-API-Token)
//	TENANTS_BASE_URL      API root, if not the tenant's own host
//	TENANTS_EMAIL, TENANTS_REF_NUM, TENANTS_USER_ID   a user to look up (read-only mode)
//	TENANTS_WRITE=1       create, update and deactivate a test user
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

	"github.com/userapis/sdk/tenants"
	"github.com/userapis/sdk/tenants/tenantstest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "tenants example:", err)
		os.Exit(1)
	}
}

// run walks the API against the fake, or the live API when env names a
// tenant and a token.
func run(ctx context.Context, w io.Writer, env func(string) string) error {
	tenant, token := env("TENANTS_TENANT"), env("TENANTS_TOKEN")
	if tenant == "" && token == "" {
		srv := tenantstest.NewServer()
		defer srv.Close()
		fmt.Fprintf(w, "No TENANTS_TENANT/TENANTS_TOKEN set: using the in-process fake Aptem at %s (tenant %q).\n", srv.URL, srv.Tenant)
		if err := walk(ctx, w, srv.Client(), "ada@example.com"); err != nil {
			return err
		}
		return tenantBoundary(ctx, w, srv)
	}
	if tenant == "" || token == "" {
		return errors.New("set both TENANTS_TENANT and TENANTS_TOKEN, or neither to use the fake")
	}
	opts := []tenants.Option{tenants.WithTenant(tenant), tenants.WithToken(token), tenants.WithUserAgent("tenants-example")}
	if h := env("TENANTS_TOKEN_HEADER"); h != "" {
		opts = append(opts, tenants.WithTokenHeader(h))
	}
	if u := env("TENANTS_BASE_URL"); u != "" {
		opts = append(opts, tenants.WithBaseURL(u))
	}
	c, err := tenants.NewClient(opts...)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Using the live Aptem API for tenant %q.\n", tenant)
	if env("TENANTS_WRITE") == "1" {
		return walk(ctx, w, c, fmt.Sprintf("sdk-example+%d@example.com", time.Now().Unix()))
	}
	return lookup(ctx, w, c, env)
}

// walk creates a user and takes it through every call.
func walk(ctx context.Context, w io.Writer, c *tenants.Client, email string) error {
	ref := "SDK-" + strconv.FormatInt(time.Now().UnixNano()%1e6, 10)
	u, err := c.Users.Create(ctx, &tenants.UserCreateRequest{
		FirstName:       "Ada",
		LastName:        "Lovelace",
		Email:           email,
		ReferenceNumber: &ref,
		JobActiveSync:   tenants.Ptr(false),
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	fmt.Fprintf(w, "Created user %d: %s %s, status %q.\n", u.ID, u.FirstName, u.LastName, u.Status)

	if u, err = c.Users.Get(ctx, u.ID); err != nil {
		return fmt.Errorf("get: %w", err)
	}
	fmt.Fprintf(w, "Got user %d by id.\n", u.ID)

	if u, err = c.Users.Search(ctx, &tenants.UserSearchOptions{RefNum: ref, Email: email}); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	fmt.Fprintf(w, "Found user %d by reference number and e-mail.\n", u.ID)

	if u, err = c.Users.Update(ctx, u.ID, &tenants.UserUpdateRequest{PreferredName: tenants.Ptr("Ada L"), WeeklyHours: tenants.Ptr(30)}); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	fmt.Fprintf(w, "Updated user %d: preferred name %q, %d weekly hours.\n", u.ID, u.PreferredName, u.WeeklyHours)

	if err = c.Users.Deactivate(ctx, u.ID); err != nil {
		return fmt.Errorf("deactivate: %w", err)
	}
	if u, err = c.Users.Get(ctx, u.ID); err != nil {
		return fmt.Errorf("get after deactivate: %w", err)
	}
	fmt.Fprintf(w, "Deactivated user %d; it is still found, status %q.\n", u.ID, u.Status)

	_, err = c.Users.Search(ctx, &tenants.UserSearchOptions{})
	var ve *tenants.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("search with no criterion: want a validation error, got %v", err)
	}
	fmt.Fprintf(w, "A search with no criterion is refused before sending: %v\n", err)
	return nil
}

// tenantBoundary shows that a token works only for its own tenant.
func tenantBoundary(ctx context.Context, w io.Writer, srv *tenantstest.Server) error {
	globexToken := srv.AddTenant("globex")
	g, err := srv.Client().ForTenant("globex")
	if err != nil {
		return err
	}
	_, err = g.Users.Get(ctx, 1)
	if !errors.Is(err, tenants.ErrForbidden) {
		return fmt.Errorf("acme's token on globex: want 403, got %v", err)
	}
	fmt.Fprintf(w, "Tenant %q with %q's token: %v\n", g.Tenant(), srv.Tenant, err)

	// Same connections, globex's own token.
	if g, err = srv.Client().ForTenant("globex", tenants.WithToken(globexToken)); err != nil {
		return err
	}
	_, err = g.Users.Get(ctx, 1)
	if !errors.Is(err, tenants.ErrNotFound) {
		return fmt.Errorf("globex with its own token: want 404, got %v", err)
	}
	fmt.Fprintf(w, "Tenant %q with its own token has its own users: user 1 is not found there.\n", g.Tenant())

	if _, err = g.ForTenant("evil.com/x"); err == nil {
		return errors.New("a tenant name that is not a DNS label was accepted")
	}
	fmt.Fprintf(w, "A hostile tenant name is refused: %v\n", err)
	return nil
}

// lookup is the read-only live mode: one search, if a criterion is set.
func lookup(ctx context.Context, w io.Writer, c *tenants.Client, env func(string) string) error {
	opts := &tenants.UserSearchOptions{Email: env("TENANTS_EMAIL"), RefNum: env("TENANTS_REF_NUM")}
	if v := env("TENANTS_USER_ID"); v != "" {
		id, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("TENANTS_USER_ID: %w", err)
		}
		opts.UserID = id
	}
	if *opts == (tenants.UserSearchOptions{}) {
		fmt.Fprintln(w, "Read-only mode: set TENANTS_EMAIL, TENANTS_REF_NUM or TENANTS_USER_ID to look a user up, or TENANTS_WRITE=1 to create one.")
		return nil
	}
	u, err := c.Users.Search(ctx, opts)
	if errors.Is(err, tenants.ErrNotFound) {
		fmt.Fprintln(w, "No user matches.")
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Found user %d: %s %s, status %q.\n", u.ID, u.FirstName, u.LastName, u.Status)
	return nil
}

// Command marketplace walks the MMOB users API end to end: it creates a
// user, reads and updates it, lists users with All, and creates, reads
// and updates the user's broadband entry.
//
// With no environment it runs against the in-process fake
// (marketplacetest) and says so. With MARKETPLACE_BASE_URL and
// MARKETPLACE_API_KEY set it talks to that live API instead (creating a
// real user there); MARKETPLACE_API_KEY_HEADER changes the key's header
// from X-API-Key.
//
//	go run ./examples/marketplace
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// run does the walk-through, writing a short account to w. env reads the
// environment (os.Getenv in main, a map in tests).
func run(ctx context.Context, w io.Writer, env func(string) string) error {
	c, email, cleanup, err := connect(w, env)
	if err != nil {
		return err
	}
	defer cleanup()

	u, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{
		FirstName:       "Ada",
		Surname:         "Lovelace",
		Email:           email,
		Postcode:        marketplace.Ptr("EC1A 1BB"),
		TermsConditions: marketplace.Ptr(true),
		Visits:          marketplace.Ptr(1),
	})
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	fmt.Fprintf(w, "created user %s: %s %s <%s>\n", u.ID, u.FirstName, u.Surname, u.Email)

	got, err := c.Users.Get(ctx, u.ID)
	if err != nil {
		return fmt.Errorf("get user: %w", err)
	}
	fmt.Fprintf(w, "got user %s: postcode %s, terms accepted %t, visits %d\n", got.ID, got.Postcode, got.TermsConditions, got.Visits)

	upd, err := c.Users.Update(ctx, u.ID, &marketplace.UserUpdateRequest{
		PreferredName:   marketplace.Ptr("Countess"),
		TermsConditions: marketplace.Ptr(false),
		Visits:          marketplace.Ptr(0),
	})
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	fmt.Fprintf(w, "updated user %s: preferred name %s, terms accepted %t, visits %d\n", upd.ID, upd.PreferredName, upd.TermsConditions, upd.Visits)

	n, shown := 0, 0
	for lu, err := range c.Users.All(ctx, &marketplace.UserListOptions{Size: 50}) {
		if err != nil {
			return fmt.Errorf("list users: %w", err)
		}
		if n++; shown < 3 {
			fmt.Fprintf(w, "  %s %s\n", lu.ID, lu.Email)
			shown++
		}
	}
	fmt.Fprintf(w, "listed %d users, newest first\n", n)

	e, err := c.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{
		CPUserID: u.ID, Provider: marketplace.Ptr("FibreCo"), PPM: marketplace.Ptr("29.99"), DownSpeed: marketplace.Ptr("500"),
	})
	if err != nil {
		return fmt.Errorf("create broadband entry: %w", err)
	}
	fmt.Fprintf(w, "created broadband entry %s for %s\n", e.ID, e.CPUserID)

	if e, err = c.Broadband.Get(ctx, u.ID); err != nil {
		return fmt.Errorf("get broadband entry: %w", err)
	}
	fmt.Fprintf(w, "got broadband entry %s: meta %v\n", e.ID, e.Meta)

	if e, err = c.Broadband.Update(ctx, u.ID, &marketplace.BroadbandUpdateRequest{DownSpeed: marketplace.Ptr("900")}); err != nil {
		return fmt.Errorf("update broadband entry: %w", err)
	}
	fmt.Fprintf(w, "updated broadband entry %s: meta %v\n", e.ID, e.Meta)
	return nil
}

// connect builds the client: the live API when MARKETPLACE_BASE_URL and
// MARKETPLACE_API_KEY are set, else a fake started here. It returns the
// e-mail address to create (unique on a live API) and a cleanup func.
func connect(w io.Writer, env func(string) string) (*marketplace.Client, string, func(), error) {
	base, key := env("MARKETPLACE_BASE_URL"), env("MARKETPLACE_API_KEY")
	switch {
	case base == "" && key == "":
		srv := marketplacetest.NewServer()
		fmt.Fprintln(w, "Using the in-process fake MMOB API (set MARKETPLACE_BASE_URL and MARKETPLACE_API_KEY for the live one).")
		return srv.Client(), "ada@example.com", srv.Close, nil
	case base == "" || key == "":
		return nil, "", nil, errors.New("set both MARKETPLACE_BASE_URL and MARKETPLACE_API_KEY, or neither to use the fake")
	}
	opts := []marketplace.Option{marketplace.WithBaseURL(base), marketplace.WithAPIKey(key), marketplace.WithUserAgent("userapis-example")}
	if h := env("MARKETPLACE_API_KEY_HEADER"); h != "" {
		opts = append(opts, marketplace.WithAPIKeyHeader(h))
	}
	c, err := marketplace.NewClient(opts...)
	if err != nil {
		return nil, "", nil, err
	}
	fmt.Fprintf(w, "Using the MMOB API at %s.\n", c.BaseURL())
	return c, fmt.Sprintf("sdk-example+%d@example.com", time.Now().Unix()), func() {}, nil
}

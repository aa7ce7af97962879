// Command classifieds walks the GoedGeplaatst users API with the SDK's
// classifieds package.
//
// With CLASSIFIEDS_BASE_URL (e.g. https://host/rest/v1) and
// CLASSIFIEDS_API_KEY set it talks to that API and only reads: it lists
// the first page of users and fetches the first one. Without them it
// starts the in-process fake (classifiedstest) and walks the whole life
// of a user: create, activate, read, update, list, delete.
//
//	go run ./examples/classifieds
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/classifieds/classifiedstest"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

// run does the walk, writing its account to w; env reads the environment.
func run(ctx context.Context, w io.Writer, env func(string) string) error {
	base, key := env("CLASSIFIEDS_BASE_URL"), env("CLASSIFIEDS_API_KEY")
	if (base == "") != (key == "") {
		return errors.New("set both CLASSIFIEDS_BASE_URL and CLASSIFIEDS_API_KEY, or neither to use the fake")
	}
	if base != "" {
		fmt.Fprintf(w, "Using the live API at %s (read-only walk).\n", base)
		c, err := classifieds.NewClient(classifieds.WithBaseURL(base), classifieds.WithAPIKey(key),
			classifieds.WithUserAgent("userapis-example"))
		if err != nil {
			return err
		}
		return readOnly(ctx, w, c)
	}

	srv := classifiedstest.NewServer()
	defer srv.Close()
	fmt.Fprintf(w, "No CLASSIFIEDS_BASE_URL/CLASSIFIEDS_API_KEY set: using the in-process fake at %s.\n", srv.URL)
	srv.AddUsers(120)
	if err := fullWalk(ctx, w, srv.Client()); err != nil {
		return err
	}
	fmt.Fprintf(w, "The fake served %d requests.\n", srv.Requests())
	return nil
}

// readOnly lists the first page and reads its first user.
func readOnly(ctx context.Context, w io.Writer, c *classifieds.Client) error {
	page, err := c.Users.List(ctx, &classifieds.UserListOptions{ItemsPerPage: 10, UseCache: classifieds.Ptr(false)})
	if err != nil {
		return fmt.Errorf("listing users: %w", err)
	}
	fmt.Fprintf(w, "Page %d holds %d users (totalItems %d).\n", page.Page, len(page.Items), page.TotalItems)
	if len(page.Items) == 0 {
		return nil
	}
	u, err := c.Users.Get(ctx, page.Items[0].UserID)
	if err != nil {
		return fmt.Errorf("reading user %d: %w", page.Items[0].UserID, err)
	}
	fmt.Fprintf(w, "User %d: %s %s, %s.\n", u.UserID, u.FirstName, u.LastName, u.City)
	return nil
}

// fullWalk creates, activates, reads, updates, lists and deletes a user.
func fullWalk(ctx context.Context, w io.Writer, c *classifieds.Client) error {
	_, err := c.Users.Create(ctx, &classifieds.UserCreateRequest{LastName: "X", Email: "not-an-address"})
	var ve *classifieds.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("expected a validation error, got %v", err)
	}
	fmt.Fprintf(w, "Invalid input is refused before sending: %d fields (%s).\n", len(ve.Fields), ve.Fields[0])

	u, err := c.Users.Create(ctx, &classifieds.UserCreateRequest{
		CompanyName: "Bedrijfsnaam", FirstName: "Voornaam", LastName: "Achternaam", Gender: "M",
		DateOfBirth: "1980-04-09", Address: "Straatnaam", HouseNumber: "19b", PostalCode: "2818 AA",
		City: "Zoetermeer", County: "ZH", Country: classifieds.Ptr("NL"), Email: "info@test.nl", Website: "www.test.nl",
		Phone: "079-1234567", Cellular: "06-12345678",
	})
	if err != nil {
		return fmt.Errorf("creating a user: %w", err)
	}
	fmt.Fprintf(w, "Created user %d in %s; activation token valid until %s.\n",
		u.UserID, u.City, u.Activation.ValidUntil.Format("2006-01-02 15:04"))

	a, err := c.Users.GenerateActivation(ctx, u.UserID)
	if err != nil {
		return fmt.Errorf("generating a new token: %w", err)
	}
	if err := c.Users.Activate(ctx, u.UserID, u.Activation.ActivationToken); err != nil {
		fmt.Fprintln(w, "The first token was revoked by GenerateActivation:", err)
	}
	if err := c.Users.Activate(ctx, u.UserID, a.ActivationToken); err != nil {
		return fmt.Errorf("activating: %w", err)
	}
	fmt.Fprintln(w, "Activated with the new token.")

	up, err := c.Users.Update(ctx, u.UserID, &classifieds.UserUpdateRequest{City: classifieds.Ptr("Delft")})
	if err != nil {
		return fmt.Errorf("updating: %w", err)
	}
	fmt.Fprintf(w, "Moved user %d to %s.\n", up.UserID, up.City)

	n := 0
	for _, err := range c.Users.All(ctx, &classifieds.UserListOptions{ItemsPerPage: 100}) {
		if err != nil {
			return fmt.Errorf("listing: %w", err)
		}
		n++
	}
	fmt.Fprintf(w, "Listed %d users, 100 a page.\n", n)

	if err := c.Users.Delete(ctx, u.UserID, &classifieds.DeleteOptions{IP: "127.0.0.2"}); err != nil {
		return fmt.Errorf("deleting: %w", err)
	}
	_, err = c.Users.Get(ctx, u.UserID)
	if !errors.Is(err, classifieds.ErrNotFound) {
		return fmt.Errorf("expected the deleted user to be gone, got %v", err)
	}
	fmt.Fprintf(w, "Deleted user %d; reading it again: not found.\n", u.UserID)
	return nil
}

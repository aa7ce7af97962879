package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/classifieds/classifiedstest"
)

func classifiedsTour(ctx context.Context, t *tour, live bool) error {
	var c *classifieds.Client
	var err error
	if live {
		c, err = classifieds.NewClient(classifieds.WithBaseURL(t.env("CLASSIFIEDS_BASE_URL")), classifieds.WithAPIKey(t.env("CLASSIFIEDS_API_KEY")))
	} else {
		srv := classifiedstest.NewServer()
		defer srv.Close()
		srv.AddUsers(60) // an existing client base to page through
		t.say("the fake starts with 60 users, an existing client base to page through")
		c, err = classifieds.NewClient(classifieds.WithBaseURL(srv.URL), classifieds.WithAPIKey(srv.APIKey))
	}
	if err != nil {
		return err
	}

	bad := &classifieds.UserCreateRequest{LastName: "V", PostalCode: "0123 XY", Country: classifieds.Ptr("NL"), Gender: "X", Email: "nobody"}
	_, err = c.Users.Create(ctx, bad)
	var verr *classifieds.ValidationError
	if !errors.As(err, &verr) {
		return fmt.Errorf("invalid input was not refused: %v", err)
	}
	t.say("invalid input refused before sending, %d fields at once:", len(verr.Fields))
	for _, f := range verr.Fields {
		t.say("  %s: %s", f.Field, f.Reason)
	}

	u, err := c.Users.Create(ctx, &classifieds.UserCreateRequest{
		CompanyName: "Bedrijfsnaam", FirstName: "Voornaam", LastName: "Achternaam", Gender: "M",
		DateOfBirth: "1980-04-09", Address: "Straatnaam", HouseNumber: "19b", PostalCode: "2818 AA",
		City: "Zoetermeer", County: "ZH", Country: classifieds.Ptr("NL"), Email: "info@test.nl", Phone: "079-1234567",
	})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	if u.Activation == nil {
		return errors.New("create returned no activation token")
	}
	t.say("created user %d (%s %s), activation token valid until %s", u.UserID, u.FirstName, u.LastName, u.Activation.ValidUntil.Format("2006-01-02 15:04"))

	err = c.Users.Activate(ctx, u.UserID, "0000-not-the-token")
	var apiErr *classifieds.APIError
	if !errors.As(err, &apiErr) {
		return fmt.Errorf("a wrong activation token was accepted: %v", err)
	}
	t.say("a wrong token: HTTP %d with result:false, the API says %q", apiErr.StatusCode, first(apiErr.Messages))
	if err := c.Users.Activate(ctx, u.UserID, u.Activation.ActivationToken); err != nil {
		return fmt.Errorf("activate: %w", err)
	}
	t.say("activated with the token from Create")

	// Update may answer without the user (data: []), so read it back.
	if _, err := c.Users.Update(ctx, u.UserID, &classifieds.UserUpdateRequest{City: classifieds.Ptr("Delft"), PostalCode: classifieds.Ptr("2611 AB")}); err != nil {
		return fmt.Errorf("update: %w", err)
	}
	got, err := c.Users.Get(ctx, u.UserID)
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	t.say("updated the address; read back: %s %s (%s)", got.PostalCode, got.City, got.County)

	n, pages := 0, map[int64]bool{}
	for u, err := range c.Users.All(ctx, &classifieds.UserListOptions{ItemsPerPage: 25}) {
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		if pages[u.UserID] {
			return fmt.Errorf("user %d listed twice", u.UserID)
		}
		pages[u.UserID] = true
		n++
	}
	t.say("listed %d users, 25 a page, each once", n)

	if err := c.Users.Delete(ctx, u.UserID, nil); err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	_, err = c.Users.Get(ctx, u.UserID)
	if !errors.Is(err, classifieds.ErrNotFound) {
		return fmt.Errorf("get after delete: want ErrNotFound, got %v", err)
	}
	t.say("deleted; getting it again is errors.Is(err, classifieds.ErrNotFound)")
	return nil
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

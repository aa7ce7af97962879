package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

func marketplaceTour(ctx context.Context, t *tour, live bool) error {
	opts := []marketplace.Option{marketplace.WithLogger(t.debugLogger())}
	var srv *marketplacetest.Server
	if live {
		opts = append(opts, marketplace.WithBaseURL(t.env("MARKETPLACE_BASE_URL")), marketplace.WithAPIKey(t.env("MARKETPLACE_API_KEY")))
	} else {
		srv = marketplacetest.NewServer()
		defer srv.Close()
		opts = append(opts, marketplace.WithBaseURL(srv.URL), marketplace.WithAPIKey(srv.APIKey))
	}
	c, err := marketplace.NewClient(opts...)
	if err != nil {
		return err
	}
	// The logger is on for the whole client; a quiet copy keeps the
	// account short where no retry is expected.
	quiet, err := marketplace.NewClient(opts[1:]...)
	if err != nil {
		return err
	}

	email := fmt.Sprintf("ada.%d@example.com", time.Now().UnixNano()%1e6)
	if !live {
		email = "ada@example.com"
	}
	u, err := quiet.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "Ada", Surname: "Lovelace", Email: email})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	t.say("created user %s: %s %s <%s>", u.ID, u.FirstName, u.Surname, u.Email)

	got, err := quiet.Users.Get(ctx, u.ID)
	if err != nil {
		return fmt.Errorf("get: %w", err)
	}
	t.say("read it back: %s %s, created %s", got.FirstName, got.Surname, got.Created.Format(time.DateOnly))

	if srv != nil {
		srv.FailNext(1, http.StatusServiceUnavailable)
		t.say("the fake will answer the next request with 503; Update is safe to retry, so the SDK retries it:")
	}
	upd, err := c.Users.Update(ctx, u.ID, &marketplace.UserUpdateRequest{
		PreferredName:   marketplace.Ptr("Countess"),
		TermsConditions: marketplace.Ptr(true),
	})
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	t.say("updated: preferred name %q, terms accepted %v", upd.PreferredName, upd.TermsConditions)

	if !live {
		for _, name := range []string{"Grace Hopper", "Alan Turing", "Edsger Dijkstra"} {
			var first, last string
			_, _ = fmt.Sscan(name, &first, &last)
			if _, err := quiet.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: first, Surname: last, Email: first + "@example.com"}); err != nil {
				return fmt.Errorf("create %s: %w", name, err)
			}
		}
	}
	n := 0
	for u, err := range quiet.Users.All(ctx, &marketplace.UserListOptions{Size: 2}) {
		if err != nil {
			return fmt.Errorf("list: %w", err)
		}
		n++
		if n <= 4 {
			t.say("listed (newest first, 2 a page): %s %s", u.FirstName, u.Surname)
		}
		if n == 20 {
			break // a break stops the iterator's requests
		}
	}

	entry, err := quiet.Broadband.Create(ctx, &marketplace.BroadbandCreateRequest{
		CPUserID: u.ID, Provider: marketplace.Ptr("FibreCo"), PPM: marketplace.Ptr("29.99"), DownSpeed: marketplace.Ptr("900"),
	})
	if err != nil {
		return fmt.Errorf("broadband create: %w", err)
	}
	t.say("broadband entry %s for %s", entry.ID, entry.CPUserID)

	_, err = quiet.Users.Get(ctx, "u_does_not_exist")
	var apiErr *marketplace.APIError
	switch {
	case errors.Is(err, marketplace.ErrNotFound) && errors.As(err, &apiErr):
		t.say("an unknown user is errors.Is(err, marketplace.ErrNotFound): %d after %d attempt(s)", apiErr.StatusCode, apiErr.Attempts)
	case err == nil:
		return errors.New("an unknown user was found")
	default:
		return fmt.Errorf("get unknown user: %w", err)
	}

	_, err = quiet.Users.Create(ctx, &marketplace.UserCreateRequest{FirstName: "", Surname: "X", Email: "not-an-email"})
	var verr *marketplace.ValidationError
	if !errors.As(err, &verr) {
		return fmt.Errorf("bad input was not refused: %v", err)
	}
	t.say("bad input refused before sending: %v", verr)
	return nil
}

package readme_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// README begin
func quickStart(ctx context.Context) error {
	c, err := marketplace.NewClient(
		marketplace.WithBaseURL(os.Getenv("MARKETPLACE_BASE_URL")),
		marketplace.WithAPIKey(os.Getenv("MARKETPLACE_API_KEY")),
	)
	if err != nil {
		return err // bad options: nothing was sent
	}
	u, err := c.Users.Create(ctx, &marketplace.UserCreateRequest{
		FirstName: "Ada", Surname: "Lovelace", Email: "ada@example.com",
	})
	var verr *marketplace.ValidationError
	switch {
	case errors.As(err, &verr): // checked before sending; every bad field is listed
		return fmt.Errorf("fix %d fields: %w", len(verr.Fields), err)
	case errors.Is(err, marketplace.ErrOutcomeUnknown): // it may exist now: look before creating again
		return fmt.Errorf("look the user up before creating again: %w", err)
	case err != nil:
		return err
	}
	fmt.Println("created", u.ID)

	for u, err := range c.Users.All(ctx, &marketplace.UserListOptions{Size: 100}) {
		if err != nil {
			return err // yielded once; the walk then ends
		}
		fmt.Println(u.ID, u.Email)
	}
	return nil
}

// README end

func TestReadme_quickStartRunsAgainstTheFake(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	t.Setenv("MARKETPLACE_BASE_URL", srv.URL)
	t.Setenv("MARKETPLACE_API_KEY", srv.APIKey)
	require.NoError(t, quickStart(context.Background()))
	assert.Equal(t, 2, srv.Requests(), "one create, one page")

	t.Setenv("MARKETPLACE_API_KEY", "")
	assert.ErrorContains(t, quickStart(context.Background()), "API key is required")
}

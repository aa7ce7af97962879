package classifieds

import (
	"context"
	"fmt"

	"github.com/userapis/sdk/internal/transport"
)

// do sends r and decodes the envelope, its data into D. A body without
// "result" is not the documented envelope and is reported as
// ErrUnexpectedResponse.
func do[D any](ctx context.Context, t *transport.Client, r *transport.Request) (*envelope[D], error) {
	var env envelope[D]
	if err := t.Do(ctx, r, &env); err != nil {
		return nil, err
	}
	if env.Result == nil {
		return nil, unexpected(r, `no "result" in the response`)
	}
	return &env, nil
}

// unexpected builds an error for a 2xx envelope that cannot be used.
func unexpected(r *transport.Request, why string) error {
	return fmt.Errorf("classifieds: %s %s: %w: %s", r.Method, r.Path, ErrUnexpectedResponse, why)
}

// pickUser returns the user with id among us, or the only user when id is
// 0; nil when there is none.
func pickUser(us []*User, id int64) *User {
	if id == 0 && len(us) == 1 {
		return us[0]
	}
	for _, u := range us {
		if u.UserID == id {
			return u
		}
	}
	if len(us) == 1 && us[0].UserID == 0 {
		return us[0] // the server echoed the user without its id
	}
	return nil
}

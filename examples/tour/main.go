// Command tour walks all four users APIs end to end: create, read, update,
// list with an iterator, an error handled with errors.Is and errors.As, and
// a retry seen through a slog debug logger.
//
// With no environment it starts the four fake servers in-process. Set a
// package's variables to use that live API instead (the others stay fake):
//
//	MARKETPLACE_BASE_URL, MARKETPLACE_API_KEY
//	TENANTS_TENANT, TENANTS_TOKEN
//	CLASSIFIEDS_BASE_URL, CLASSIFIEDS_API_KEY
//	CLOGIN_API_USER, CLOGIN_API_TOKEN, CLOGIN_API_ID, CLOGIN_GROUP_ID
//
// Live runs create real records: point them at a sandbox.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Getenv); err != nil {
		fmt.Fprintln(os.Stderr, "tour failed:", err)
		os.Exit(1)
	}
}

// step is one API's part of the tour.
type step struct {
	name string
	envs []string // all set: the step talks to the live API
	run  func(ctx context.Context, t *tour, live bool) error
}

// live reports whether every environment variable of the step is set.
func (s step) live(env func(string) string) bool {
	for _, k := range s.envs {
		if env(k) == "" {
			return false
		}
	}
	return true
}

var steps = []step{
	{"marketplace", []string{"MARKETPLACE_BASE_URL", "MARKETPLACE_API_KEY"}, marketplaceTour},
	{"tenants", []string{"TENANTS_TENANT", "TENANTS_TOKEN"}, tenantsTour},
	{"classifieds", []string{"CLASSIFIEDS_BASE_URL", "CLASSIFIEDS_API_KEY"}, classifiedsTour},
	{"clogin", []string{"CLOGIN_API_USER", "CLOGIN_API_TOKEN", "CLOGIN_API_ID", "CLOGIN_GROUP_ID"}, cloginTour},
}

// tour carries the output and environment through the steps.
type tour struct {
	w   io.Writer
	env func(string) string
}

// say prints one indented line of the account.
func (t *tour) say(format string, args ...any) {
	fmt.Fprintf(t.w, "  "+format+"\n", args...)
}

// debugLogger shows the SDK's per-attempt records, without timestamps.
func (t *tour) debugLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(indent{t.w}, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			switch a.Key {
			case slog.TimeKey:
				return slog.Attr{}
			case "duration":
				return slog.String(a.Key, a.Value.Duration().Round(100*time.Microsecond).String())
			}
			return a
		},
	}))
}

type indent struct{ w io.Writer }

func (i indent) Write(p []byte) (int, error) {
	_, err := io.WriteString(i.w, "    log: "+string(p))
	return len(p), err
}

// run is the whole tour; it returns the first failure.
func run(ctx context.Context, w io.Writer, env func(string) string) error {
	t := &tour{w: w, env: env}
	var live, fake []string
	for _, s := range steps {
		if s.live(env) {
			live = append(live, s.name)
		} else {
			fake = append(fake, s.name)
		}
	}
	switch {
	case len(live) == 0:
		fmt.Fprintln(w, "userapis tour: no live credentials set, so every API runs against an in-process fake server")
	case len(fake) == 0:
		fmt.Fprintln(w, "userapis tour: using the live APIs for", strings.Join(live, ", "))
	default:
		fmt.Fprintf(w, "userapis tour: live APIs for %s; in-process fake servers for %s\n", strings.Join(live, ", "), strings.Join(fake, ", "))
	}
	for _, s := range steps {
		isLive := s.live(env)
		if isLive {
			fmt.Fprintf(w, "\n== %s (live API)\n", s.name)
		} else {
			fmt.Fprintf(w, "\n== %s (fake server; set %s for the live API)\n", s.name, strings.Join(s.envs, ", "))
		}
		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		err := s.run(ctx, t, isLive)
		cancel()
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	fmt.Fprintln(w, "\ntour complete: 4 APIs, no errors left unhandled")
	return nil
}

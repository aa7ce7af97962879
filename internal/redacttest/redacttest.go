// Package redacttest checks, for the API packages' tests, that no seeded
// secret of any exported type reaches a log line or a printed value.
package redacttest

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Check logs every value, by value and by pointer, alone and inside a
// group, through slog's JSON and text handlers, and prints it with %v,
// %+v, %#v and %s when its type has a String or GoString method; none of
// the secrets may appear. values is keyed by type name and must hold every
// exported type the package in dir declares (type aliases aside: they name
// shared types tested where they are defined), except those in exempt.
func Check(t *testing.T, dir string, values map[string]any, secrets []string, exempt ...string) {
	t.Helper()
	for _, name := range ExportedTypes(t, dir) {
		if !slices.Contains(exempt, name) {
			if _, ok := values[name]; !ok {
				t.Errorf("add a %s seeded with secrets to the values logged", name)
			}
		}
	}
	for name, v := range values {
		ptr := PointerTo(v)
		for _, h := range []struct {
			name string
			new  func(*bytes.Buffer) slog.Handler
		}{
			{"json", func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) }},
			{"text", func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) }},
		} {
			var buf bytes.Buffer
			slog.New(h.new(&buf)).Info("x", "value", v, "pointer", ptr, slog.Group("g", "nested", v))
			for _, s := range secrets {
				if strings.Contains(buf.String(), s) {
					t.Errorf("%s through the %s handler shows %q:\n%s", name, h.name, s, buf.String())
				}
			}
		}
		_, str := v.(fmt.Stringer)
		_, gostr := v.(fmt.GoStringer)
		if !str && !gostr {
			continue
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			out := fmt.Sprintf(verb, v) + fmt.Sprintf(verb, ptr)
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("%s through %s shows %q", name, verb, s)
				}
			}
		}
	}
}

// ExportedTypes lists the exported types declared, not aliased, by the
// non-test Go files in dir.
func ExportedTypes(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var names []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.TYPE {
				continue
			}
			for _, s := range g.Specs {
				if ts := s.(*ast.TypeSpec); ts.Name.IsExported() && !ts.Assign.IsValid() {
					names = append(names, ts.Name.Name)
				}
			}
		}
	}
	if len(names) == 0 {
		t.Fatalf("no exported types in %s", dir)
	}
	slices.Sort(names)
	return names
}

// PointerTo returns a pointer to a copy of v.
func PointerTo(v any) any {
	p := reflect.New(reflect.TypeOf(v))
	p.Elem().Set(reflect.ValueOf(v))
	return p.Interface()
}

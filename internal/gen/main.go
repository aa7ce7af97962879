// Command gen writes the surface every API package shares, so it is
// written once: the error aliases and sentinels, the retry policy, the
// common client options, the call options and the hooks types, and Ptr.
// It runs from each package's doc.go (go generate sets GOPACKAGE) and
// writes errors.go and options.go there. The doc comment of every alias
// lists the fields of the type it names, read from internal/transport, so
// go doc shows them without following the alias.
//
//	go generate ./...
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	pkg := os.Getenv("GOPACKAGE")
	if pkg == "" {
		log.Fatal("run me with go generate (GOPACKAGE is not set)")
	}
	root, err := moduleRoot()
	if err != nil {
		log.Fatal(err)
	}
	fields, err := structFields(filepath.Join(root, "internal", "transport"))
	if err != nil {
		log.Fatal(err)
	}
	data := struct {
		Pkg    string
		Fields map[string]string
	}{pkg, fields}
	for name, tmpl := range map[string]*template.Template{"errors.go": errorsTmpl, "options.go": optionsTmpl} {
		var b bytes.Buffer
		if err := tmpl.Execute(&b, data); err != nil {
			log.Fatal(err)
		}
		src, err := format.Source(b.Bytes())
		if err != nil {
			log.Fatalf("%s: %v\n%s", name, err, b.Bytes())
		}
		if err := os.WriteFile(name, src, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// moduleRoot finds the directory of go.mod above the working directory.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// structFields renders the exported fields of every struct type in dir as
// indented doc-comment lines ("//\tStatusCode int // HTTP status"),
// keyed by type name.
func structFields(dir string) (map[string]string, error) {
	fset := token.NewFileSet()
	out := map[string]string{}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok || !ts.Name.IsExported() {
				return false
			}
			var rows [][3]string
			for _, fld := range st.Fields.List {
				var typ bytes.Buffer
				_ = printer.Fprint(&typ, fset, fld.Type)
				var names []string
				for _, n := range fld.Names {
					if n.IsExported() {
						names = append(names, n.Name)
					}
				}
				if len(fld.Names) == 0 {
					names = []string{typ.String()} // embedded
					typ.Reset()
				}
				if len(names) == 0 {
					continue
				}
				rows = append(rows, [3]string{strings.Join(names, ", "), typ.String(), comment(fld)})
			}
			out[ts.Name.Name] = aligned(rows)
			return false
		})
	}
	return out, nil
}

// aligned renders rows of name, type and comment as doc-comment code
// lines, in columns like gofmt's.
func aligned(rows [][3]string) string {
	var w0, w1 int
	for _, r := range rows {
		w0, w1 = max(w0, len(r[0])), max(w1, len(r[1]))
	}
	lines := make([]string, len(rows))
	for i, r := range rows {
		line := fmt.Sprintf("%-*s %-*s", w0, r[0], w1, r[1])
		if r[2] != "" {
			line += " // " + r[2]
		}
		lines[i] = "//\t" + strings.TrimRight(line, " ")
	}
	return strings.Join(lines, "\n")
}

// comment is a field's trailing comment, or the first sentence of its doc.
func comment(f *ast.Field) string {
	if f.Comment != nil {
		return strings.TrimSpace(f.Comment.Text())
	}
	if f.Doc != nil {
		s := strings.Join(strings.Fields(f.Doc.Text()), " ")
		if i := strings.Index(s, ". "); i > 0 {
			s = s[:i+1]
		}
		return s
	}
	return ""
}

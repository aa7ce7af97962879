// Command decoders writes a package's json_gen.go: for each struct type
// named on its command line, a function that decodes the type's JSON
// object member by member, with a switch on the member name and, for each
// field, the reader the package's dialect uses for that kind of value. The
// functions are joined into the package's decoders variable, a set of
// type-level unmarshalers that its dialect puts first.
//
// What v2 would do with reflection, a type-level lookup per value and a
// second call per value of a tolerant kind, these functions do with a
// switch: BenchmarkDialect in internal/jsonx measures the difference. They
// keep v2's reading under the package's dialect: an exact name first, then
// one that matches under strings.EqualFold; the last of repeated members
// wins; null leaves a struct as it was; an unknown member is skipped.
//
// Usage, from a package's doc.go:
//
//	//go:generate go run ../internal/gen/decoders [-read kind=reader]... Type...
//
// A -read flag maps a field type, as written in the source ("string",
// "int", "Time", "jsonx.Money"), to a function
// func(*jsontext.Decoder, *T) error, or to "method" for the type's own
// UnmarshalJSONFrom, or to a method of jsonx.Arena written "a.Method":
// each decoder keeps the strings of its struct in one arena. A field of a
// listed struct type calls that type's
// decoder; any other field goes to json.UnmarshalDecode, which applies the
// dialect (its options travel with the decoder). Use a reader only for a
// type the dialect has no type-level unmarshaler of its own for, or the
// same one: the reader replaces it. A pointer to a listed struct, or a
// list of them, is worth a reader ("*Contacts=readContacts" with
// jsonx.ObjectOrNil, jsonx.Elements and the like calling the generated
// decoder): through json.UnmarshalDecode each value costs a type-level
// lookup and, for a list, a reflected slice.
//
// A generic type's decoder is generic too and is not in decoders (a
// type-level unmarshaler needs a concrete type): the type's own
// UnmarshalJSONFrom calls it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/userapis/sdk/internal/jsonx"
)

const output = "json_gen.go"

type readers map[string]string

func (r readers) String() string { return fmt.Sprint(map[string]string(r)) }

func (r readers) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" || v == "" {
		return fmt.Errorf("want kind=reader, got %q", s)
	}
	r[k] = v
	return nil
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen/decoders: ")
	read := readers{}
	flag.Var(read, "read", "kind=reader: the function that reads a field of that type (repeatable)")
	flag.Parse()
	pkg := os.Getenv("GOPACKAGE")
	if pkg == "" {
		log.Fatal("run me with go generate (GOPACKAGE is not set)")
	}
	if flag.NArg() == 0 {
		log.Fatal("name the struct types to generate decoders for")
	}
	structs, err := parseStructs(".")
	if err != nil {
		log.Fatal(err)
	}
	want := map[string]bool{}
	for _, name := range flag.Args() {
		if structs[name] == nil {
			log.Fatalf("%s: no such struct type", name)
		}
		want[name] = true
	}
	g := &gen{pkg: pkg, read: read, want: want}
	for _, name := range flag.Args() {
		if err := g.decoder(name, structs[name]); err != nil {
			log.Fatal(err)
		}
	}
	src, err := format.Source(g.file())
	if err != nil {
		log.Fatalf("%v\n%s", err, g.file())
	}
	if err := os.WriteFile(output, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

type structType struct {
	fset *token.FileSet
	st   *ast.StructType
	// params and args are a generic type's parameter list ("[D any]")
	// and its arguments ("[D]"); "" for other types.
	params, args string
}

// parseStructs reads the non-generic struct types declared in the
// package's non-test files.
func parseStructs(dir string) (map[string]*structType, error) {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	out := map[string]*structType{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") || filepath.Base(path) == output {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if !ok || ts.Assign.IsValid() {
					continue
				}
				t := &structType{fset: fset, st: st}
				if ts.TypeParams != nil {
					var params, args []string
					for _, f := range ts.TypeParams.List {
						var c bytes.Buffer
						_ = printer.Fprint(&c, fset, f.Type)
						for _, n := range f.Names {
							params = append(params, n.Name+" "+c.String())
							args = append(args, n.Name)
						}
					}
					t.params = "[" + strings.Join(params, ", ") + "]"
					t.args = "[" + strings.Join(args, ", ") + "]"
				}
				out[ts.Name.Name] = t
			}
		}
	}
	return out, nil
}

type field struct {
	goName, jsonName, typ string
}

type gen struct {
	pkg   string
	read  readers
	want  map[string]bool
	body  bytes.Buffer
	arena bool // the decoder being written uses its arena
	funcs []string
}

// fields lists the struct's fields as v2 sees them, refusing what the
// generated code does not reproduce (embedded fields, tag options that
// change decoding).
func (g *gen) fields(name string, s *structType) ([]field, error) {
	var out []field
	for _, f := range s.st.Fields.List {
		var typ bytes.Buffer
		_ = printer.Fprint(&typ, s.fset, f.Type)
		tag := ""
		if f.Tag != nil {
			t, err := strconv.Unquote(f.Tag.Value)
			if err != nil {
				return nil, err
			}
			tag = reflect.StructTag(t).Get("json")
		}
		if tag == "-" {
			continue
		}
		if len(f.Names) == 0 {
			return nil, fmt.Errorf("%s: embedded field %s: not generated", name, typ.String())
		}
		jname, opts, _ := strings.Cut(tag, ",")
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "", "omitempty", "omitzero":
			default:
				return nil, fmt.Errorf("%s: tag option %q changes decoding: not generated", name, o)
			}
		}
		if strings.HasPrefix(jname, "'") || !utf8.ValidString(jname) || strings.ContainsRune(jname, utf8.RuneError) {
			return nil, fmt.Errorf("%s: tag name %q is quoted or not plain UTF-8: not generated", name, jname)
		}
		for _, n := range f.Names {
			if !n.IsExported() {
				continue
			}
			jn := jname
			if jn == "" {
				jn = n.Name
			}
			out = append(out, field{n.Name, jn, typ.String()})
		}
	}
	seen := map[string]string{}
	for _, f := range out {
		k := jsonx.Fold([]byte(f.jsonName))
		if other, ok := seen[k]; ok {
			return nil, fmt.Errorf("%s: %q and %q match the same names: not generated", name, other, f.jsonName)
		}
		seen[k] = f.jsonName
	}
	return out, nil
}

// call is the statement that decodes field f of v and returns its error.
func (g *gen) call(f field) string {
	ptr := "&v." + f.goName
	if r, ok := g.read[f.typ]; ok {
		if r == "method" {
			return fmt.Sprintf("v.%s.UnmarshalJSONFrom(dec)", f.goName)
		}
		if strings.HasPrefix(r, "a.") {
			g.arena = true
		}
		return fmt.Sprintf("%s(dec, %s)", r, ptr)
	}
	if g.want[f.typ] {
		return fmt.Sprintf("decode%s(dec, %s)", title(f.typ), ptr)
	}
	return fmt.Sprintf("json.UnmarshalDecode(dec, %s)", ptr)
}

// title is name with its first letter upper-case: the suffix of the
// functions written for it (envelope: decodeEnvelope).
func title(name string) string { return strings.ToUpper(name[:1]) + name[1:] }

func (g *gen) decoder(name string, s *structType) error {
	fields, err := g.fields(name, s)
	if err != nil {
		return err
	}
	if s.params == "" {
		g.funcs = append(g.funcs, name) // a generic one is called by its type's own method
	}

	// The cases first: they tell whether the decoder needs an arena.
	g.arena = false
	var cases, folded bytes.Buffer
	for _, f := range fields {
		fmt.Fprintf(&cases, "\t\tcase %q:\n\t\t\tif err := %s; err != nil {\n\t\t\t\treturn jsonx.FieldError(%q, err)\n\t\t\t}\n",
			f.jsonName, g.call(f), f.jsonName)
	}
	sorted := append([]field(nil), fields...) // folded names, in a stable order
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].jsonName < sorted[j].jsonName })
	for _, f := range sorted {
		fmt.Fprintf(&folded, "\tcase %q:\n\t\tif err := %s; err != nil {\n\t\t\treturn jsonx.FieldError(%q, err)\n\t\t}\n\t\treturn nil\n",
			jsonx.Fold([]byte(f.jsonName)), g.call(f), f.jsonName)
	}
	arenaDecl, arenaArg, arenaParam := "", "", ""
	if g.arena {
		arenaDecl = "\tvar a jsonx.Arena // the strings of v\n"
		arenaArg, arenaParam = ", &a", ", a *jsonx.Arena"
	}

	w := &g.body
	fmt.Fprintf(w, "\n// decode%[4]s reads a %[1]s.\nfunc decode%[4]s%[2]s(dec *jsontext.Decoder, v *%[1]s%[3]s) error {\n", name, s.params, s.args, title(name))
	fmt.Fprintf(w, "\tif null, err := jsonx.OpenObject(dec); null || err != nil {\n\t\treturn err\n\t}\n%s", arenaDecl)
	fmt.Fprintf(w, "\tfor {\n\t\tif more, err := jsonx.More(dec); !more || err != nil {\n\t\t\treturn err\n\t\t}\n")
	fmt.Fprintf(w, "\t\tname, err := jsonx.ReadName(dec)\n\t\tif err != nil {\n\t\t\treturn err\n\t\t}\n")
	fmt.Fprintf(w, "\t\tswitch string(name) {\n%s", cases.Bytes())
	fmt.Fprintf(w, "\t\tdefault:\n\t\t\tif err := fold%s(dec, v, name%s); err != nil {\n\t\t\t\treturn err\n\t\t\t}\n\t\t}\n\t}\n}\n", title(name), arenaArg)

	fmt.Fprintf(w, "\n// fold%[2]s reads the member of a %[1]s whose name matches a field's\n// only under strings.EqualFold, and skips any other.\n", name, title(name))
	fmt.Fprintf(w, "func fold%[5]s%[3]s(dec *jsontext.Decoder, v *%[1]s%[4]s, name []byte%[2]s) error {\n", name, arenaParam, s.params, s.args, title(name))
	fmt.Fprintf(w, "\tvar buf [64]byte\n\tswitch string(jsonx.AppendFold(buf[:0], name)) {\n%s", folded.Bytes())
	fmt.Fprintf(w, "\t}\n\treturn dec.SkipValue()\n}\n")
	return nil
}

func (g *gen) file() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/gen/decoders; DO NOT EDIT.\n\npackage %s\n\nimport (\n", g.pkg)
	b.WriteString("\t\"github.com/go-json-experiment/json\"\n\t\"github.com/go-json-experiment/json/jsontext\"\n\n")
	b.WriteString("\t\"github.com/userapis/sdk/internal/jsonx\"\n)\n\n")
	b.WriteString("// decoders reads the package's response types without reflection; the\n// dialect puts them first. See internal/gen/decoders.\n")
	b.WriteString("var decoders = json.JoinUnmarshalers(\n")
	for _, name := range g.funcs {
		fmt.Fprintf(&b, "\tjson.UnmarshalFromFunc(decode%s),\n", title(name))
	}
	b.WriteString(")\n")
	b.Write(g.body.Bytes())
	return b.Bytes()
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The generator refuses what its code would read differently from v2:
// embedded fields, tag options that change decoding, names that collide
// under case folding. It reads the rest as v2 names them.
func TestFields(t *testing.T) {
	dir := t.TempDir()
	src := `package p

type OK struct {
	ID      int    ` + "`json:\"id\"`" + `
	Name    string ` + "`json:\",omitempty\"`" + `
	Skipped string ` + "`json:\"-\"`" + `
	private string
	A, B    bool
}

type Base struct{ X int }

type Embeds struct {
	Base
}

type Stringed struct {
	N int ` + "`json:\"n,string\"`" + `
}

type G[T any, U comparable] struct {
	X T ` + "`json:\"x\"`" + `
}

type Folds struct {
	A string ` + "`json:\"user_id\"`" + `
	B string ` + "`json:\"USER_ID\"`" + `
}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644))
	structs, err := parseStructs(dir)
	require.NoError(t, err)
	g := &gen{read: readers{}, want: map[string]bool{}}

	fs, err := g.fields("OK", structs["OK"])
	require.NoError(t, err)
	var names []string
	for _, f := range fs {
		names = append(names, f.goName+"="+f.jsonName+":"+f.typ)
	}
	assert.Equal(t, []string{"ID=id:int", "Name=Name:string", "A=A:bool", "B=B:bool"}, names)

	assert.Equal(t, "[T any, U comparable]", structs["G"].params, "a generic type's decoder takes its parameters")
	assert.Equal(t, "[T, U]", structs["G"].args)
	assert.Empty(t, structs["OK"].params)

	for name, want := range map[string]string{"Embeds": "embedded", "Stringed": `"string"`, "Folds": "match the same names"} {
		_, err := g.fields(name, structs[name])
		require.Error(t, err, name)
		assert.True(t, strings.Contains(err.Error(), want), "%s: %v", name, err)
	}
}

// A field's reader: the -read flag's function, the type's own method, a
// listed struct's generated decoder, or v2 for anything else.
func TestCall(t *testing.T) {
	g := &gen{read: readers{"string": "a.String", "int": "jsonx.LaxInt", "Time": "method"},
		want: map[string]bool{"Contact": true}}
	assert.Equal(t, "a.String(dec, &v.Name)", g.call(field{"Name", "name", "string"}))
	assert.True(t, g.arena)
	assert.Equal(t, "jsonx.LaxInt(dec, &v.ID)", g.call(field{"ID", "id", "int"}))
	assert.Equal(t, "v.At.UnmarshalJSONFrom(dec)", g.call(field{"At", "at", "Time"}))
	assert.Equal(t, "decodeContact(dec, &v.C)", g.call(field{"C", "c", "Contact"}))
	g.want["envelope"] = true
	assert.Equal(t, "decodeEnvelope(dec, &v.E)", g.call(field{"E", "e", "envelope"}), "the function's suffix is upper-case")
	assert.Equal(t, "json.UnmarshalDecode(dec, &v.P)", g.call(field{"P", "p", "*Contact"}))
}

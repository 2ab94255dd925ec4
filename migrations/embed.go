// Package migrations holds the SQL schema migrations, embedded into the binary.
package migrations

import "embed"

// FS holds NNNNNN_name.up.sql / .down.sql files in golang-migrate's naming.
//
//go:embed *.sql
var FS embed.FS

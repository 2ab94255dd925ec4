package server

import (
	"testing"

	"github.com/vn-cchc/cchc/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

package hazard

import (
	"testing"

	"safecampus/internal/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

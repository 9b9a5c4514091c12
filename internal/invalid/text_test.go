package invalid_test

import (
	"testing"

	"github.com/go-itsm/itsm/internal/invalid"
	"github.com/stretchr/testify/require"
)

func TestTextRefusesInvalidUTF8(t *testing.T) {
	require.NoError(t, invalid.Text("name", "Fête du Travail", errBad))
	err := invalid.Text("name", "ab\xd8", errBad)
	var e *invalid.Error
	require.ErrorAs(t, err, &e)
	require.ErrorIs(t, err, errBad)
	require.Equal(t, "name", e.Path)
	require.Equal(t, `pkg: name "ab\xd8": not valid UTF-8 (byte 0xd8 at offset 2)`, err.Error())
	err = invalid.Texts("tags", []string{"ok", "\xff"}, errBad)
	require.ErrorAs(t, err, &e)
	require.Equal(t, "tags[1]", e.Path)
}

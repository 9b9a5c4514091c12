package invalid_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

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

// ValidUTF8 agrees with utf8.ValidString on every text: short and long,
// ASCII and not, a bad byte at each end and around the 32-byte boundary
// where it hands over, and random bytes.
func TestValidUTF8IsValidString(t *testing.T) {
	texts := []string{"", "a", "bob", "héllo", "€", "h\xc3", "\xd8abc", "abc\xd8", "\xed\xa0\x80"}
	for n := 30; n <= 34; n++ {
		ascii := strings.Repeat("a", n)
		texts = append(texts, ascii, ascii+"\xd8", ascii+"é", "é"+ascii, ascii[:n-1]+"\xc3")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if rng.IntN(4) > 0 {
				b[i] &= 0x7f
			}
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		if invalid.ValidUTF8(s) != utf8.ValidString(s) {
			t.Errorf("ValidUTF8(%q) = %v", s, invalid.ValidUTF8(s))
		}
	}
}

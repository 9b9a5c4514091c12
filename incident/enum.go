package incident

import "github.com/go-itsm/itsm/internal/invalid"

// Enumerations marshal as lower-case words through invalid.Words, the SDK's
// one rule: a value with a word marshals as it; the zero value, whose word
// is "", marshals as "" and parses from ""; any other value is unknown:
// String prints "Type(n)", marshaling fails and parsing an unknown word
// fails with ErrUnknownWord, listing the known words.
var (
	eventWords   = invalid.Words{Type: "EventType", Words: []string{"", "open", "transition", "assign", "classify", "prioritize", "comment", "workaround", "major", "review", "link", "relate"}}
	basisWords   = invalid.Words{Type: "PriorityBasis", Words: []string{"", "matrix", "customer", "override", "major"}}
	triggerWords = invalid.Words{Type: "Trigger", Words: []string{"", "assigned", "caller_reply"}}
	flagWords    = invalid.Words{Type: "Flags", Words: []string{"open", "on_hold", "resolved", "terminal"}}
)

// isWord reports whether s is a lower-case word as states, actions, hold
// reasons and guard names must be: a letter, then letters, digits or
// underscores, at most 64 bytes.
func isWord(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

var (
	relationWords    = invalid.Words{Type: "Relation", Words: []string{"", "problem", "caused_by", "change", "known_error", "duplicate_of"}}
	fixWords         = invalid.Words{Type: "Fix", Words: []string{"", "workaround", "permanent"}}
	majorStepWords   = invalid.Words{Type: "MajorStep", Words: []string{"", "propose", "accept", "reject", "withdraw"}}
	majorStateWords  = invalid.Words{Type: "MajorState", Words: []string{"", "proposed", "accepted", "rejected", "withdrawn"}}
	majorPolicyWords = invalid.Words{Type: "MajorPolicy", Words: []string{"", "unreviewed", "refused"}}
)

package incident

import (
	"maps"
	"slices"
	"strconv"

	"github.com/go-itsm/itsm/internal/invalid"
)

// Selector says which incidents something applies to (an SLA policy, an
// escalation policy, an escalation step), judged on the incident as it
// stands. Every non-empty field must match, and within a field any listed
// value; the zero Selector matches every incident (a catch-all). sla and
// escalation share it, so a selector means the same in both.
//
// A Selector is plain data; its JSON keys are the snake_case field names,
// and unknown keys are errors.
type Selector struct {
	Customers  []string   `json:"customers,omitempty"`
	Services   []string   `json:"services,omitempty"`
	Categories []string   `json:"categories,omitempty"`
	Groups     []string   `json:"groups,omitempty"`
	Priorities []Priority `json:"priorities,omitempty"`
	// Major, when set, matches only major (true) or only ordinary (false)
	// incidents.
	Major *bool `json:"major,omitempty"`
	// Predicate names a host function (a VIP caller, a service tier the
	// host knows), registered with the package that uses the selector
	// (sla.WithPredicate, escalation.WithPredicate), which refuses a name
	// it does not know when it is built.
	Predicate string `json:"predicate,omitempty"`
	// Fields matches custom fields (Incident.Fields): for each name, the
	// incident's field must hold one of the listed values, or, with an
	// empty list, be set to any value. {"channel": ["phone", "chat"]}.
	Fields map[string][]string `json:"fields,omitempty"`
}

// Matches reports whether inc matches s. predicate is the host function
// that s.Predicate names (the caller resolved it when it validated the
// selector); it is not called when s names none.
func (s *Selector) Matches(inc *Incident, predicate func(Incident) bool) bool {
	in := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	switch {
	case !in(s.Customers, inc.Customer), !in(s.Services, inc.Service), !in(s.Categories, inc.Category), !in(s.Groups, inc.Group):
		return false
	case len(s.Priorities) > 0 && !slices.Contains(s.Priorities, inc.Priority):
		return false
	case s.Major != nil && *s.Major != inc.Major:
		return false
	case s.Predicate != "" && (predicate == nil || !predicate(*inc)):
		return false
	}
	for name, values := range s.Fields {
		v, ok := inc.Fields[name]
		if !ok || (len(values) > 0 && !slices.Contains(values, v)) {
			return false
		}
	}
	return true
}

// Clone returns a deep copy of s, so that a validated configuration never
// shares its lists with its caller; empty lists become nil, as JSON reads
// them back.
func (s Selector) Clone() Selector {
	clip := func(list []string) []string {
		if len(list) == 0 {
			return nil
		}
		return slices.Clone(list)
	}
	s.Customers, s.Services, s.Categories, s.Groups = clip(s.Customers), clip(s.Services), clip(s.Categories), clip(s.Groups)
	if len(s.Priorities) == 0 {
		s.Priorities = nil
	} else {
		s.Priorities = slices.Clone(s.Priorities)
	}
	if s.Major != nil {
		m := *s.Major
		s.Major = &m
	}
	if len(s.Fields) == 0 {
		s.Fields = nil
	} else {
		fields := make(map[string][]string, len(s.Fields))
		for name, values := range s.Fields {
			fields[name] = clip(values)
		}
		s.Fields = fields
	}
	return s
}

// Validate checks the selector's values: priorities are P1 to P5, custom
// field names are lower-case words and values fit a field (at most
// MaxFieldValue bytes), at most MaxFields fields. The
// predicate's name is the using package's to check. Errors are *FieldError
// values wrapping ErrInvalidSelector.
func (s *Selector) Validate() error {
	for i, p := range s.Priorities {
		if p < P1 || p > LowestPriority {
			return &FieldError{Path: "priorities[" + strconv.Itoa(i) + "]", Value: strconv.Itoa(int(p)), Reason: "priorities are 1 to 5", Err: ErrInvalidSelector}
		}
	}
	if len(s.Fields) > MaxFields {
		return &FieldError{Path: "fields", Value: strconv.Itoa(len(s.Fields)) + " fields", Reason: "at most " + strconv.Itoa(MaxFields) + " custom fields", Err: ErrInvalidSelector}
	}
	for _, name := range slices.Sorted(maps.Keys(s.Fields)) {
		if !isWord(name) {
			return &FieldError{Path: "fields", Value: name, Reason: "a custom field's name is a lower-case word", Err: ErrInvalidSelector}
		}
		for i, v := range s.Fields[name] {
			if v == "" || len(v) > MaxFieldValue {
				return &FieldError{Path: "fields." + name + "[" + strconv.Itoa(i) + "]", Value: v,
					Reason: "a value is 1 to " + strconv.Itoa(MaxFieldValue) + " bytes (an empty list matches any value)", Err: ErrInvalidSelector}
			}
		}
	}
	return nil
}

// UnmarshalJSON implements json.Unmarshaler: strict (unknown keys and
// wrong types are errors naming their path).
func (s *Selector) UnmarshalJSON(b []byte) error {
	type plain Selector
	var p plain
	if err := invalid.Decode(b, &p, ErrInvalidSelector); err != nil {
		return err
	}
	*s = Selector(p)
	return nil
}

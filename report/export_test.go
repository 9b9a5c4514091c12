package report

// BinaryParts returns a's encoding and the parts it is made of: the
// offset where each starts and its name, in order (a part ends where the
// next starts), so that the corruption test reaches every part.
func BinaryParts(a *Accumulator) ([]byte, []int, []string, error) {
	var marks []binaryMark
	e := encoder{marks: &marks}
	if err := a.encode(&e); err != nil {
		return nil, nil, nil, err
	}
	at, names := make([]int, len(marks)), make([]string, len(marks))
	for i, m := range marks {
		at[i], names[i] = m.at, m.name
	}
	return e.b, at, names, nil
}

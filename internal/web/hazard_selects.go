package web

import (
	"html/template"
	"strconv"
	"strings"

	"safecampus/internal/org"
)

// hazardSelects are the options of the unit and people selects of the
// assign and reassign forms (each after its placeholder option, which
// stays in the template). They are written in Go once per request
// (decision 0025): in the template the ~240 people of a school, listed in
// three selects of each form, cost ~27,000 allocations and most of the
// page's CPU. The selected value does not depend on the form (Val reads
// the same field for assign and reassign), so both forms share them.
type hazardSelects struct {
	Units, Responsible, Acceptor, Supervisor template.HTML
}

// hazardSelectsHTML renders the options with what was sent (after a
// refused step) or the record's values selected. Values are compared as
// strings, as the template did.
func hazardSelectsHTML(v *hazardShowView, units []org.Unit, people []org.Person) hazardSelects {
	var s hazardSelects
	var b htmlBuilder
	unit := v.Val("unit_id")
	b.Grow(len(units) * 48)
	for _, u := range unitChoices(units) {
		val := strconv.FormatInt(u.ID, 10)
		b.optionTag(val, u.Label, val == unit)
	}
	s.Units = b.html()

	// The responsible person's options carry data-units (the person's unit
	// and the units above it) so hazard.js can narrow them to the chosen
	// unit.
	parent := make(map[int64]int64, len(units))
	for _, u := range units {
		parent[u.ID] = u.ParentID
	}
	resp := selectedID(v.Val("responsible_id"))
	b = htmlBuilder{}
	b.Grow(len(people) * 80)
	for i := range people {
		pe := &people[i]
		b.raw(`<option value="`)
		b.id(pe.ID)
		b.raw(`" data-units="`)
		for u, n := pe.UnitID, 0; u != 0 && n < 64; u, n = parent[u], n+1 {
			if n > 0 {
				b.raw(" ")
			}
			b.id(u)
		}
		if pe.ID == resp {
			b.raw(`" selected>`)
		} else {
			b.raw(`">`)
		}
		b.personLabel(pe)
	}
	s.Responsible = b.html()

	// Acceptor and supervisor list the same options; only the selected
	// one differs, so they are written once and the mark is spliced in.
	b = htmlBuilder{}
	b.Grow(len(people) * 64)
	ends := make([]int, len(people)) // where each option's start tag closes
	for i := range people {
		pe := &people[i]
		b.raw(`<option value="`)
		b.id(pe.ID)
		b.raw(`"`)
		ends[i] = b.Len()
		b.raw(`>`)
		b.personLabel(pe)
	}
	plain := b.String()
	s.Acceptor = withSelected(plain, people, ends, selectedID(v.Val("acceptor_id")))
	s.Supervisor = withSelected(plain, people, ends, selectedID(v.Val("supervisor_id")))
	return s
}

// selectedID is the id a form value selects: only its canonical decimal
// form matches an option's value (the template compared strings), so
// anything else selects nothing (-1 is no record's id).
func selectedID(val string) int64 {
	n, err := strconv.ParseInt(val, 10, 64)
	if err != nil || strconv.FormatInt(n, 10) != val {
		return -1
	}
	return n
}

// personLabel writes a person's name and unit and closes the option.
func (b *htmlBuilder) personLabel(pe *org.Person) {
	b.text(pe.Name)
	if pe.UnitName != "" {
		b.raw(`（`)
		b.text(pe.UnitName)
		b.raw(`）`)
	}
	b.raw(`</option>`)
}

// withSelected marks the option whose value is selected in options (all
// escaped by hazardSelectsHTML; only a constant is inserted).
func withSelected(options string, people []org.Person, ends []int, selected int64) template.HTML {
	for i := range people {
		if people[i].ID == selected {
			var sb strings.Builder
			sb.Grow(len(options) + len(" selected"))
			sb.WriteString(options[:ends[i]])
			sb.WriteString(" selected")
			sb.WriteString(options[ends[i]:])
			return template.HTML(sb.String())
		}
	}
	return template.HTML(options)
}

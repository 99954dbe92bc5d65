package checklist

import (
	"errors"

	"safecampus/internal/apperr"
)

// errUnchanged rolls back a write that would store nothing new (an edit
// that changes no text), so no version and no audit entry appear.
var errUnchanged = errors.New("unchanged")

// fieldErrs collects form field errors.
type fieldErrs []apperr.FieldError

func (f *fieldErrs) add(field, msg string) {
	*f = append(*f, apperr.FieldError{Field: field, Message: msg})
}

func (f fieldErrs) err(code string) error {
	if len(f) == 0 {
		return nil
	}
	return apperr.Fields(code, f)
}

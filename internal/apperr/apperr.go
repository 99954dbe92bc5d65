// Package apperr is the one error vocabulary of SafeCampus. Domain services
// return *Error values; the web and API layers map each Kind to an HTTP status
// in one place and show Message (Simplified Chinese, safe for users) while
// logs keep the wrapped internal error in English.
package apperr

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the transport layers.
type Kind int

const (
	Internal        Kind = iota
	Invalid              // the input is wrong; the user can fix it
	NotFound             // no such record visible to this actor
	Conflict             // the record changed, or a unique value is taken
	Forbidden            // authenticated but not allowed
	Unauthenticated      // no valid session
	TooMany              // throttled
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case NotFound:
		return "not_found"
	case Conflict:
		return "conflict"
	case Forbidden:
		return "forbidden"
	case Unauthenticated:
		return "unauthenticated"
	case TooMany:
		return "too_many_requests"
	}
	return "internal"
}

// FieldError names one bad form field or import cell.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is an application error with a user-safe Chinese message.
type Error struct {
	Kind    Kind
	Code    string // stable machine code, e.g. "unit.name_required"
	Message string // Chinese, shown to users
	Fields  []FieldError
	Err     error // internal cause, never shown to users
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Kind, e.Code, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Kind, e.Code)
}

func (e *Error) Unwrap() error { return e.Err }

// New builds an error of kind k.
func New(k Kind, code, msg string) *Error { return &Error{Kind: k, Code: code, Message: msg} }

// Invalidf is shorthand for a validation error with a Chinese message.
func Invalidf(code, format string, args ...any) *Error {
	return &Error{Kind: Invalid, Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFoundf reports a missing (or invisible) record.
func NotFoundf(code, format string, args ...any) *Error {
	return &Error{Kind: NotFound, Code: code, Message: fmt.Sprintf(format, args...)}
}

// ForbiddenErr is returned when the actor lacks a permission.
func ForbiddenErr(perm string) *Error {
	return &Error{Kind: Forbidden, Code: "forbidden", Message: "您没有执行此操作的权限。", Err: fmt.Errorf("missing permission %s", perm)}
}

// Fields builds a validation error carrying per-field messages.
func Fields(code string, fields []FieldError) *Error {
	return &Error{Kind: Invalid, Code: code, Message: "提交的内容有误，请检查标出的字段。", Fields: fields}
}

// KindOf returns the kind of err, Internal for foreign errors.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// As returns err as *Error, wrapping foreign errors as Internal.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: Internal, Code: "internal", Message: "系统内部错误，请稍后再试。", Err: err}
}

// Is reports whether err is an *Error of kind k.
func Is(err error, k Kind) bool { return KindOf(err) == k }

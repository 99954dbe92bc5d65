package web

import (
	"net/http"
	"strconv"
	"strings"

	"safecampus/internal/apperr"
)

// pathID reads a numeric path value; a malformed id is simply not found.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.NotFoundf("record.not_found", "记录不存在。")
	}
	return id, nil
}

// formID reads an optional numeric form field (empty is 0).
func formID(r *http.Request, name string) (int64, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, apperr.Fields("form.invalid", []apperr.FieldError{{Field: name, Message: "选项无效。"}})
	}
	return id, nil
}

// formInt reads an optional integer form field (empty is 0).
func formInt(r *http.Request, name string) (int64, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, apperr.Fields("form.invalid", []apperr.FieldError{{Field: name, Message: "请输入整数。"}})
	}
	return n, nil
}

// parseQueryID reads a numeric query parameter.
func parseQueryID(r *http.Request, name string) (int64, error) {
	return strconv.ParseInt(r.URL.Query().Get(name), 10, 64)
}

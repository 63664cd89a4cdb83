package annotate

import (
	"errors"
	"fmt"
)

// Error codes: the small set of ways an operation can fail that callers act on.
const (
	EINVALID  = "invalid"  // the input breaks a rule; the message says which
	ENOTFOUND = "notfound" // the thing asked for does not exist
	ECONFLICT = "conflict" // the thing exists already, or is in use
	EINTERNAL = "internal" // a bug or a failure of the machine; see the log
	EBUSY     = "busy"     // another program holds the project's write lock for now; the same change can be retried later
)

// Error is Factmark's application error. Message is written for the user and
// shown as it is; the wrapped Err keeps internal detail for the logs.
type Error struct {
	Code    string
	Message string
	Err     error
}

// Error returns the human message; the internal cause, if any, is only
// reached through Unwrap (see Cause), so that it can go to a log.
func (e *Error) Error() string {
	if e.Message == "" && e.Err != nil {
		return e.Err.Error()
	}
	return e.Message
}

// Cause returns the internal detail behind err for a log, or "" if there is
// none beyond its message.
func Cause(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Err != nil && e.Message != "" {
		return e.Err.Error()
	}
	return ""
}

// Unwrap gives errors.Is and errors.As the internal cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of err for the user: the text of the
// chain around an *Error, or, for an error that is not one, the error marked
// as internal.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return err.Error() // with the context callers wrapped around it
	}
	return "internal error: " + err.Error()
}

// fieldError is the error a validation returns: it names the field.
func fieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Message: field + ": " + fmt.Sprintf(format, args...)}
}

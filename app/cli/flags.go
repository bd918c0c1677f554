// Flags of the commands: spelled with two dashes in usage and errors, as the
// README spells them, with enumerated values matched regardless of case.
package cli

import (
	"articleatlas/app/icc"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// errHelp means the command's usage was asked for and printed: exit 0.
var errHelp = errors.New("help shown")

// flagSet is one command's flags. Its usage lists them in the order defined.
type flagSet struct {
	fs      *flag.FlagSet
	cmd     string // "export"
	args    string // the synopsis after the command name
	summary string // what the command does, one sentence
	names   []string
}

func newFlagSet(cmd, args, summary string) *flagSet {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors reach the user through Run, as one line
	return &flagSet{fs: fs, cmd: cmd, args: args, summary: summary}
}

// Usage texts name the value in backquotes: "image width in `PIXELS`".

func (f *flagSet) stringFlag(name, value, usage string) *string {
	f.names = append(f.names, name)
	return f.fs.String(name, value, usage)
}

func (f *flagSet) intFlag(name string, value int, usage string) *int {
	f.names = append(f.names, name)
	return f.fs.Int(name, value, usage)
}

func (f *flagSet) floatFlag(name string, value float64, usage string) *float64 {
	f.names = append(f.names, name)
	return f.fs.Float64(name, value, usage)
}

func (f *flagSet) boolFlag(name, usage string) *bool {
	f.names = append(f.names, name)
	return f.fs.Bool(name, false, usage)
}

// choiceFlag defines a flag whose value is one of choices, in any case; it holds the
// choice as spelled in choices.
func (f *flagSet) choiceFlag(name, value string, choices []string, usage string) *string {
	c := &choiceValue{value: value, choices: choices}
	f.names = append(f.names, name)
	f.fs.Var(c, name, usage)
	return &c.value
}

func (f *flagSet) dateFlag(name string, value icc.Date, usage string) *icc.Date {
	d := &dateValue{value}
	f.names = append(f.names, name)
	f.fs.Var(d, name, usage)
	return &d.d
}

// parse parses args. For -h or --help it prints the usage on stdout and returns errHelp.
func (f *flagSet) parse(args []string, stdout io.Writer) error {
	err := f.fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		f.usage(stdout)
		return errHelp
	case err != nil:
		return usageError{f.restate(err)}
	case f.fs.NArg() > 0:
		return usageError{fmt.Errorf("unexpected argument %q", f.fs.Arg(0))}
	}
	return nil
}

// given lists the flags set on the command line, in the order defined.
func (f *flagSet) given() []string {
	set := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	var out []string
	for _, name := range f.names {
		if set[name] {
			out = append(out, name)
		}
	}
	return out
}

// usage prints the synopsis, the summary and every flag with its default.
func (f *flagSet) usage(w io.Writer) {
	fmt.Fprintf(w, "usage: atlas %s %s\n\n%s\n\n", f.cmd, f.args, f.summary)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', 0)
	for _, name := range f.names {
		fl := f.fs.Lookup(name)
		arg, use := flag.UnquoteUsage(fl)
		if fl.DefValue != "" && fl.DefValue != "false" {
			use += " (default " + fl.DefValue + ")"
		}
		fmt.Fprintf(tw, "  --%s %s\t%s\n", name, arg, use)
	}
	tw.Flush()
}

// restate rewords an error from package flag, which spells flags -width, the
// way the usage does: "unknown flag --colour", `--width "x" is not a whole number`.
func (f *flagSet) restate(err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		for _, near := range []string{name + "s", strings.TrimSuffix(name, "s")} {
			if near != name && f.fs.Lookup(near) != nil { // list --layer, export --layers
				return fmt.Errorf("unknown flag --%s; did you mean --%s? (see atlas %s --help)", name, near, f.cmd)
			}
		}
		return fmt.Errorf("unknown flag --%s (see atlas %s --help)", name, f.cmd)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Errorf("--%s needs a value", name)
	}
	// invalid value "x" for flag -width: parse error
	if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
		if q, err := strconv.QuotedPrefix(rest); err == nil {
			if rest, ok := strings.CutPrefix(rest[len(q):], " for flag -"); ok {
				if name, reason, ok := strings.Cut(rest, ": "); ok {
					return fmt.Errorf("--%s %s %s", name, q, f.reason(name, reason))
				}
			}
		}
	}
	return errors.New(msg)
}

// reason words why package flag rejected a number; the flag values defined
// here give their own reason.
func (f *flagSet) reason(name, reason string) string {
	var v any
	if g, ok := f.fs.Lookup(name).Value.(flag.Getter); ok {
		v = g.Get()
	}
	switch {
	case reason == "value out of range":
		return "is out of range"
	case reason != "parse error":
		return reason
	}
	if _, ok := v.(int); ok {
		return "is not a whole number"
	}
	return "is not a number"
}

// choiceValue is a flag value that must be one of choices, in any case.
type choiceValue struct {
	value   string
	choices []string
}

func (c *choiceValue) String() string {
	if c == nil {
		return ""
	}
	return c.value
}

func (c *choiceValue) Set(s string) error {
	for _, ch := range c.choices {
		if strings.EqualFold(strings.TrimSpace(s), ch) {
			c.value = ch
			return nil
		}
	}
	return fmt.Errorf("is not %s", orList(c.choices))
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// dateValue is a flag value holding a date written YYYY-MM-DD.
type dateValue struct{ d icc.Date }

func (v *dateValue) String() string {
	if v == nil || v.d.IsZero() {
		return ""
	}
	return v.d.Format(icc.DateLayout)
}

func (v *dateValue) Set(s string) error {
	d, err := icc.ParseDate(s)
	if err != nil {
		return errors.New("is not a date like 2023-10-17")
	}
	v.d = d
	return nil
}

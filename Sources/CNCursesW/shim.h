// CNCursesW: the C view of ncursesw for Swift.
//
// Facts this header works around (checked on Debian bookworm, ncurses 6.4, Swift 6.3.1):
// - SwiftPM drops pkg-config's `-D_XOPEN_SOURCE=600`, without which curses.h hides the
//   wide-character API (cchar_t, setcchar, wget_wch, mvwadd_wch). Define NCURSES_WIDECHAR first.
// - Swift 6 rejects the mutable C globals stdscr, curscr, LINES, COLS, COLORS, COLOR_PAIRS:
//   keep the WINDOW pointer initscr returns; the shims below read the rest.
// - A_* attributes, COLOR_PAIR(n), KEY_F(n) and getmaxyx are macros Swift cannot import.
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/// wcwidth is declared by wchar.h only under _XOPEN_SOURCE, which the Glibc module is not
/// built with; declare it (same prototype) so the terminal's idea of a width is reachable.
extern int wcwidth(wchar_t c);
/// The number of columns the C library (and so curses) gives a wide character.
static inline int cncurses_wcwidth(wchar_t c) { return wcwidth(c); }

static inline attr_t cncurses_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t cncurses_A_BOLD(void) { return A_BOLD; }
static inline attr_t cncurses_A_DIM(void) { return A_DIM; }
static inline attr_t cncurses_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t cncurses_A_REVERSE(void) { return A_REVERSE; }

/// COLOR_PAIR(n) as an attribute value.
static inline attr_t cncurses_COLOR_PAIR(int n) { return (attr_t)COLOR_PAIR(n); }
/// KEY_F(n): the key code of function key n.
static inline int cncurses_KEY_F(int n) { return KEY_F(n); }

/// Width and height of a window (getmaxyx is a macro).
static inline int cncurses_getmaxx(const WINDOW *win) { return getmaxx(win); }
static inline int cncurses_getmaxy(const WINDOW *win) { return getmaxy(win); }

/// The number of colors and color pairs the terminal supports (C globals in ncurses).
static inline int cncurses_COLORS(void) { return COLORS; }
static inline int cncurses_COLOR_PAIRS(void) { return COLOR_PAIRS; }

/// The standard screen's window (a C global Swift 6 rejects); valid after initscr/newterm.
static inline WINDOW *cncurses_stdscr(void) { return stdscr; }

/// The ncurses version string, e.g. "ncurses 6.4.20221231".
static inline const char *cncurses_version(void) { return curses_version(); }

#endif

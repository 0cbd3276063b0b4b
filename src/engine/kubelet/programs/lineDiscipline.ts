/** Typed is what a terminal's line discipline makes of keystrokes: the echo, whole lines, and signals. */
export interface Typed {
  /** echo is what the terminal shows back: the characters typed, erasures, ^C. */
  echo: string;
  /** lines are the lines completed by Enter, without their end. */
  lines: string[];
  /** interrupt is set when Ctrl-C was typed (SIGINT to the foreground command). */
  interrupt: boolean;
  /** eof is set when Ctrl-D was typed on an empty line. */
  eof: boolean;
}

/**
 * LineDiscipline is the canonical mode of the pseudo-terminal `kubectl exec -t` gets: it echoes
 * what is typed, erases with Backspace, ends a line with Enter, turns Ctrl-C into an interrupt and
 * Ctrl-D on an empty line into end of input. Escape sequences (arrow keys) are dropped: there is no
 * line editing or history.
 */
export class LineDiscipline {
  private line = '';
  private escape = false;

  feed(data: string): Typed {
    const out: Typed = { echo: '', lines: [], interrupt: false, eof: false };
    for (const ch of data) {
      if (this.escape) {
        // CSI sequences end with a letter or '~'; ESC alone is followed by one character.
        if (/[A-Za-z~]/.test(ch)) this.escape = false;
        continue;
      }
      switch (ch) {
        case '\x1b':
          this.escape = true;
          break;
        case '\r':
        case '\n':
          out.echo += '\r\n';
          out.lines.push(this.line);
          this.line = '';
          break;
        case '\x7f':
        case '\b':
          if (this.line) {
            this.line = this.line.slice(0, -1);
            out.echo += '\b \b';
          }
          break;
        case '\x03':
          out.echo += '^C\r\n';
          this.line = '';
          out.interrupt = true;
          break;
        case '\x04':
          if (!this.line) out.eof = true;
          break;
        default:
          if (ch >= ' ') {
            this.line += ch;
            out.echo += ch;
          }
      }
    }
    return out;
  }
}

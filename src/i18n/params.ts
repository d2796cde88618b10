/**
 * The arguments of an ICU message, read from its text by the type checker, so that
 * `t('status.pending', { count })` is checked against the message itself:
 * `{name}` takes a string or a number, `{n, plural, …}`, `{n, selectordinal, …}` and `{n, number}`
 * a number, `{g, select, …}` a string. Nothing of this exists at run time.
 *
 * The scan follows braces: in text, `{` opens an argument and `}` closes the branch it is in; in
 * the options of a plural or select, `{` opens a branch and `}` closes the argument. Quoting with
 * apostrophes (`'{'`) is not followed: the catalogs do not use it.
 */

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;

type ArgType<Kind extends string> = Kind extends 'plural' | 'selectordinal' | 'number' ? number : Kind extends 'select' ? string : string | number;

type Add<Acc, Name extends string, T> = Acc & { [K in Trim<Name>]: T };

/** In text (top level or a branch): the next brace decides. */
type InText<S extends string, Acc> = S extends `${infer Before}{${infer After}`
  ? Before extends `${string}}${string}`
    ? CloseBranch<S, Acc>
    : InArgument<After, Acc>
  : S extends `${string}}${string}`
    ? CloseBranch<S, Acc>
    : Acc;

type CloseBranch<S extends string, Acc> = S extends `${string}}${infer Rest}` ? InOptions<Rest, Acc> : Acc;

/** Just after the `{` of an argument: `name}` or `name, kind…`. */
type InArgument<S extends string, Acc> = S extends `${infer Head}}${infer Tail}`
  ? Head extends `${infer Name},${infer KindAndMore}`
    ? KindAndMore extends `${infer Kind},${infer Options}`
      ? Trim<Kind> extends 'plural' | 'select' | 'selectordinal'
        ? InOptions<`${Options}}${Tail}`, Add<Acc, Name, ArgType<Trim<Kind>>>>
        : InText<Tail, Add<Acc, Name, ArgType<Trim<Kind>>>>
      : InText<Tail, Add<Acc, Name, ArgType<Trim<KindAndMore>>>>
    : InText<Tail, Add<Acc, Head, string | number>>
  : Acc;

/** In the options of a plural or select: `{` opens a branch, `}` closes the argument. */
type InOptions<S extends string, Acc> = S extends `${infer Before}{${infer After}`
  ? Before extends `${string}}${string}`
    ? S extends `${string}}${infer Rest}`
      ? InText<Rest, Acc>
      : Acc
    : InText<After, Acc>
  : S extends `${string}}${infer Rest}`
    ? InText<Rest, Acc>
    : Acc;

type Flatten<T> = { [K in keyof T]: T[K] };

/** The arguments a message takes, as an object type (`{}` when it takes none). */
export type MessageParams<Message extends string> = Message extends unknown ? Flatten<InText<Message, unknown>> : never;

/**
 * The request machinery of the emulated Excel API: a request context that queues actions and runs
 * them against the model at `sync()`, client objects with office.js's load rules, instrumentation of
 * every request, and a guard that makes unknown members throw. ./api.ts defines the Excel objects.
 */
import { EmulatedOfficeError, ErrorCodes, NotEmulatedError, propertyNotLoaded } from "./errors";
import { EmulationError, type WorkbookModel } from "./model";

/** One request sent to "Excel" (a sync that had queued actions). */
export interface RequestRecord {
  /** 1-based, over the workbook's life. */
  readonly index: number;
  /** Which Excel.run it belongs to (1-based). */
  readonly run: number;
  /** true for `context.sync()` in add-in code, false for Excel.run's closing flush of leftover actions. */
  readonly explicit: boolean;
  readonly actions: number;
  /** Size of the JSON request body in UTF-8 bytes, shaped like office.js's (Actions with their arguments). */
  readonly bytes: number;
  /** Size of the loaded values sent back (JSON, UTF-8 bytes); Excel on the web refuses responses over 5 MB too. */
  responseBytes: number;
  /** Error code when the request failed. */
  error?: string;
}

/** Counters and failure hooks of an emulated workbook. */
export class Instrumentation {
  /** Number of Excel.run calls. */
  runs = 0;
  /** Number of `context.sync()` calls made by add-in code (with or without queued actions). */
  syncCalls = 0;
  readonly requests: RequestRecord[] = [];
  /** Excel on the web refuses requests and responses above 5 MB; set to Infinity to emulate desktop Excel. */
  requestLimitBytes = 5 * 1024 * 1024;
  private readonly failures = new Map<number, Error>();
  /** Actions run since failAction() was armed, and the one to fail. */
  private actionsRun = 0;
  private actionFailure: { at: number; error: Error } | undefined = undefined;

  /** Makes the n-th request from now (1 = the next one) fail before changing anything. */
  failRequest(n: number, error?: Error): void {
    this.failures.set(this.requests.length + n, error ?? new EmulatedOfficeError({ code: ErrorCodes.generalException, message: "There was an internal error while processing the request. (emulated failure)" }));
  }

  /**
   * Makes the n-th action run from now (1 = the next one) fail, after the earlier actions of its
   * request were applied: Excel does not roll a failed request back.
   */
  failAction(n: number, error?: Error): void {
    this.actionsRun = 0;
    this.actionFailure = { at: n, error: error ?? new EmulatedOfficeError({ code: ErrorCodes.generalException, message: "There was an internal error while processing the request. (emulated failure)" }) };
  }

  /** Called before each action runs; throws the failure planned by failAction. */
  beforeAction(): void {
    if (!this.actionFailure) return;
    if (++this.actionsRun === this.actionFailure.at) {
      const { error } = this.actionFailure;
      this.actionFailure = undefined;
      throw error;
    }
  }

  /** The requests of one Excel.run (1-based), e.g. to check "at most 2 round trips per click". */
  requestsOfRun(run: number): RequestRecord[] {
    return this.requests.filter((r) => r.run === run);
  }

  reset(): void {
    this.runs = 0;
    this.syncCalls = 0;
    this.requests.length = 0;
    this.failures.clear();
    this.actionFailure = undefined;
  }

  /** Throws the planned failure or the payload limit for the request about to be recorded. */
  record(run: number, explicit: boolean, actions: number, bytes: number): RequestRecord {
    const index = this.requests.length + 1;
    let error: Error | undefined = this.failures.get(index);
    this.failures.delete(index);
    if (!error && bytes > this.requestLimitBytes) {
      error = new EmulatedOfficeError({
        code: ErrorCodes.requestPayloadSizeLimitExceeded,
        message: `The request payload size has exceeded the limit (${bytes} bytes > ${this.requestLimitBytes}). Write in smaller blocks.`,
      });
    }
    const record: RequestRecord = { index, run, explicit, actions, bytes, responseBytes: 0, error: error ? ((error as EmulatedOfficeError).code ?? error.name) : undefined };
    this.requests.push(record);
    if (error) throw error;
    return record;
  }

  /** Fails a request whose response is over the limit (its actions have run, as in Excel). */
  checkResponse(record: RequestRecord): void {
    if (record.responseBytes <= this.requestLimitBytes) return;
    record.error = ErrorCodes.responsePayloadSizeLimitExceeded;
    throw new EmulatedOfficeError({
      code: ErrorCodes.responsePayloadSizeLimitExceeded,
      message: `The response payload size has exceeded the limit (${record.responseBytes} bytes > ${this.requestLimitBytes}). Read in smaller blocks.`,
    });
  }
}

interface Action {
  /** office.js-like JSON of the action (sizes the request). */
  readonly json: object;
  readonly location: string;
  run(): void;
}

/** UTF-8 size of a string (TextEncoder is missing under jsdom, where pane tests may use the emulation). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) (bytes += 4), i++;
    else bytes += 3;
  }
  return bytes;
}

export class RequestContext {
  private pending: Action[] = [];
  private nextObjectId = 1;
  private closed = false;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };

  constructor(
    readonly model: WorkbookModel,
    readonly instrumentation: Instrumentation,
    readonly runIndex: number,
    /** Excel.run's `delayForCellEdit` option. */
    private readonly delayForCellEdit = false,
  ) {}

  objectId(): number {
    return this.nextObjectId++;
  }

  queue(location: string, json: object, run: () => void): void {
    if (this.closed) {
      throw new EmulatedOfficeError({
        code: ErrorCodes.invalidObjectPath,
        message: `${location} was called after its Excel.run ended; use objects only inside the Excel.run that created them.`,
        errorLocation: location,
      });
    }
    this.pending.push({ json: { Id: this.pending.length + 1, ...json }, location, run });
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    this.instrumentation.syncCalls++;
    await this.flush(true);
    return passThroughValue as T;
  }

  /** `context.load(object, props)` is `object.load(props)`. */
  load<T extends { load(p?: unknown): unknown }>(object: T, propertyNames?: string | string[]): T {
    object.load(propertyNames);
    return object;
  }

  /** Sends the queued actions as one request: they run in order; the first failure stops the rest. */
  async flush(explicit: boolean): Promise<void> {
    const actions = this.pending;
    this.pending = [];
    // Like a round trip, results arrive after the caller's synchronous code; a request that reaches Excel also lets
    // the page run its own tasks (render progress, handle a click on Cancel) before its answer comes back.
    await Promise.resolve();
    if (actions.length === 0) return;
    await yieldToPage();
    await this.waitForCellEdit();
    const bytes = utf8Length(JSON.stringify({ Actions: actions.map((a) => a.json) }));
    const record = this.instrumentation.record(this.runIndex, explicit, actions.length, bytes);
    this.response = 0;
    try {
      for (const action of actions) {
        try {
          this.instrumentation.beforeAction();
          action.run();
        } catch (e) {
          throw toOfficeError(e, action.location);
        }
      }
      record.responseBytes = this.response;
      this.instrumentation.checkResponse(record);
    } finally {
      this.model.notify();
    }
  }

  /**
   * Excel.RunOptions.delayForCellEdit: "When false, if the user is in cell edit when the batch request is
   * processed by the host, the batch automatically fails. When true, ... the batch request is delayed until
   * the user exits cell edit mode." (docs: excel/excel-add-ins-delay-in-cell-edit.md,
   * testing/application-specific-api-error-handling.md for the code).
   */
  private async waitForCellEdit(): Promise<void> {
    const host = this.model.host;
    if (!host.inCellEditMode) return;
    if (this.delayForCellEdit) return host.cellEditEnded();
    throw new EmulatedOfficeError({
      code: ErrorCodes.invalidOperationInCellEditMode,
      message: "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
    });
  }

  /** Bytes of loaded values in the request being run. */
  private response = 0;

  /** Counts what a load sends back. */
  addResponse(value: unknown): void {
    this.response += utf8Length(JSON.stringify(value) ?? "");
  }

  close(): void {
    this.closed = true;
  }
}

/**
 * Resolves on a later task, as the answer to a round trip does (a message from the Office host: "the Office.js APIs
 * cannot interact synchronously with the Office applications", develop/application-specific-api-model.md). In a
 * browser a MessageChannel message (setTimeout is clamped to 4 ms once nested); in Node setImmediate (where React
 * schedules its renders too; setTimeout's 1 ms a request doubled the time of tests that run thousands of requests);
 * under jsdom, which has neither, setTimeout 0. Jest's fake timers control the last two: a test that fakes timers
 * advances them (jest.advanceTimersByTimeAsync) for a sync to resolve.
 */
function yieldToPage(): Promise<void> {
  if (typeof window !== "undefined" && typeof MessageChannel !== "undefined") {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function toOfficeError(e: unknown, location: string): Error {
  if (e instanceof EmulatedOfficeError || e instanceof NotEmulatedError) return e;
  if (e instanceof EmulationError) return new EmulatedOfficeError({ code: e.code, message: e.message, errorLocation: location });
  return e instanceof Error ? e : new Error(String(e));
}

/** A loadable scalar property: how to read it from the target, and how a write changes the model. */
export interface PropertyDef<T> {
  get(target: T): unknown;
  set?(target: T, value: never): void;
}

/** Wraps an emulated object so that a member it lacks throws (reading or writing), naming the member. */
export function guard<O extends object>(object: O, typeName = (object as { typeName?: string }).typeName ?? "Object"): O {
  return new Proxy(object, {
    get(target, prop, receiver) {
      if (typeof prop === "symbol" || prop in target) return Reflect.get(target, prop, receiver);
      if (PROBES.has(prop)) return undefined;
      throw new NotEmulatedError(typeName, prop);
    },
    set(target, prop, value, receiver) {
      if (typeof prop === "symbol" || prop in target) return Reflect.set(target, prop, value, receiver);
      throw new NotEmulatedError(typeName, prop);
    },
  });
}

/** Thrown by requireForChild when the parent is a null object; resolve() turns it into a null child. */
const NULL_PARENT = Symbol("null parent");

/** Members that JavaScript runtimes and test tools probe; answering undefined for them is not a silent gap. */
const PROBES = new Set(["then", "asymmetricMatch", "$$typeof", "nodeType", "tagName", "_isMockFunction", "@@__IMMUTABLE_ITERABLE__@@", "@@__IMMUTABLE_RECORD__@@", "toJSON", "inspect"]);

/**
 * Base of every emulated Excel object. An object stands for a path (e.g.
 * worksheets.getItem("Schools").getRange("A1:B2")) that is resolved against the model when the first
 * action using it runs, like office.js's object paths.
 */
export abstract class ClientObject<T> {
  protected abstract readonly properties: Record<string, PropertyDef<T>>;
  /** undefined: not resolved yet; null: a null object. */
  private target: T | null | undefined = undefined;
  private resolvedInSync = false;
  private readonly state = new Map<string, unknown>();
  readonly objectId: number;

  constructor(
    readonly context: RequestContext,
    readonly typeName: string,
    /** A readable path for messages, e.g. `Worksheet("Schools").getRange("A1")`. */
    readonly path: string,
    private readonly resolver: () => T | null,
    options: { nullable?: boolean; target?: T } = {},
  ) {
    this.objectId = context.objectId();
    if (options.target !== undefined) {
      this.target = options.target;
      this.resolvedInSync = true;
    }
    // office.js instantiates ...OrNullObject results in the request so isNullObject is known after sync.
    if (options.nullable) context.queue(`${typeName}.isNullObject`, { ActionType: "Instantiate", ObjectPath: path }, () => this.resolve());
  }

  /** The model object, resolved once (inside a sync). An object reached from a null object is null too. */
  protected resolve(): T | null {
    if (this.target === undefined) {
      try {
        this.target = this.resolver();
      } catch (e) {
        if (e !== NULL_PARENT) throw e;
        this.target = null;
      }
    }
    this.resolvedInSync = true;
    return this.target;
  }

  /** The model object, or a loud error for a null object. */
  protected require(): T {
    const target = this.resolve();
    if (target === null) {
      throw new EmulationError("ItemNotFound", `${this.path} is a null object (the item does not exist); check isNullObject before using it.`);
    }
    return target;
  }

  /** For child objects: the parent's resolution, done inside the child's resolver. */
  resolveForChild(): T | null {
    return this.resolve();
  }

  /** The model object of an object passed as an argument (e.g. tables.add(range)); a null object is an error. */
  argumentTarget(): T {
    return this.require();
  }

  /** For child objects' resolvers: the model object; a null parent makes the child null. */
  requireForChild(): T {
    const target = this.resolve();
    if (target === null) throw NULL_PARENT;
    return target;
  }

  /** Loads `path` ("name" or "worksheet/name") inside a running action, without a new action. */
  preloadPath(path: string): void {
    const slash = path.indexOf("/");
    if (slash > 0) {
      const child = this.navigation()[path.slice(0, slash)];
      if (!child) throw new NotEmulatedError(this.typeName, `load("${path}")`);
      child.preloadPath(path.slice(slash + 1));
      return;
    }
    const def = this.properties[path];
    if (!def) throw new NotEmulatedError(this.typeName, `load("${path}")`);
    const target = this.resolve();
    if (target === null) return;
    const value = clone(def.get(target));
    this.context.addResponse(value);
    this.state.set(path, value);
  }

  get isNullObject(): boolean {
    if (!this.resolvedInSync) throw propertyNotLoaded(this.typeName, "isNullObject");
    return this.target === null;
  }

  /** Reads a property: what load() brought back or what the add-in set, else PropertyNotLoaded. */
  protected read<V>(name: string): V {
    if (this.state.has(name)) return this.state.get(name) as V;
    if (this.resolvedInSync && this.target === null) return null as V;
    throw propertyNotLoaded(this.typeName, name);
  }

  /** Queues a property write; the value reads back at once, as in office.js. */
  protected write(name: string, value: unknown): void {
    const def = this.properties[name];
    if (!def?.set) throw new NotEmulatedError(this.typeName, `${name} (setting it)`);
    this.state.set(name, value);
    const setter = def.set;
    this.context.queue(`${this.typeName}.${name}`, { ActionType: "SetProperty", ObjectPath: this.path, Name: name, Value: value }, () =>
      setter(this.require(), value as never),
    );
  }

  /** Queues a method call that changes the model. */
  protected call(name: string, args: unknown[], run: (target: T) => void): void {
    this.context.queue(`${this.typeName}.${name}`, { ActionType: "Method", ObjectPath: this.path, Name: name, Arguments: args }, () => run(this.require()));
  }

  /** Navigation properties usable in load paths ("format/font/bold"). */
  protected navigation(): Record<string, ClientObject<unknown>> {
    return {};
  }

  load(propertyNames?: string | string[] | { select?: string | string[]; expand?: string | string[] }): this {
    const names = parseLoad(propertyNames);
    const own = names.length === 0 ? Object.keys(this.properties) : [];
    for (const name of names) {
      const slash = name.indexOf("/");
      if (slash > 0) {
        const child = this.navigation()[name.slice(0, slash)];
        if (!child) throw new NotEmulatedError(this.typeName, `load("${name}")`);
        child.load(name.slice(slash + 1));
      } else if (this.properties[name]) {
        own.push(name);
      } else if (this.navigation()[name]) {
        this.navigation()[name].load();
      } else {
        throw new NotEmulatedError(this.typeName, `load("${name}")`);
      }
    }
    if (own.length > 0) {
      this.context.queue(`${this.typeName}.load`, { ActionType: "Query", ObjectPath: this.path, Select: own }, () => {
        const target = this.resolve();
        if (target === null) return;
        for (const name of own) {
          const value = clone(this.properties[name].get(target));
          this.context.addResponse(value);
          this.state.set(name, value);
        }
      });
    }
    return this;
  }

  /** Loaded and set properties as plain data. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.state);
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }

}

/** A collection: `items` once loaded, with the requested properties of each item. */
export abstract class ClientCollection<T, I, O extends ClientObject<I>> extends ClientObject<T> {
  protected abstract list(target: T): I[];
  /** An item object already resolved to `target`. */
  protected abstract item(target: I): O;
  protected abstract readonly itemProperties: readonly string[];
  private loadedItems: O[] | undefined = undefined;

  get items(): O[] {
    if (this.loadedItems) return this.loadedItems;
    if (this.isNullObject) return [];
    throw propertyNotLoaded(this.typeName, "items");
  }

  override load(propertyNames?: string | string[] | { select?: string | string[]; expand?: string | string[] }): this {
    const names = parseLoad(propertyNames).map((n) => n.replace(/^items\/?/, "")).filter((n) => n !== "");
    const own = names.filter((n) => this.properties[n]);
    const itemNames = names.filter((n) => !this.properties[n]);
    for (const n of itemNames) if (!n.includes("/") && !this.itemProperties.includes(n)) throw new NotEmulatedError(`${this.typeName} items`, `load("${n}")`);
    const chosen = itemNames.length > 0 ? itemNames : own.length > 0 ? [] : this.itemProperties;
    this.context.queue(`${this.typeName}.load`, { ActionType: "Query", ObjectPath: this.path, Select: names }, () => {
      const target = this.resolve();
      if (target === null) return;
      this.loadedItems = this.list(target).map((i) => {
        const item = this.item(i);
        for (const name of chosen) item.preloadPath(name);
        return item;
      });
    });
    if (own.length > 0) super.load(own);
    return this;
  }
}

export function parseLoad(arg: string | string[] | { select?: string | string[]; expand?: string | string[] } | undefined): string[] {
  if (arg === undefined || arg === null) return [];
  if (typeof arg === "string") return arg.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap((s) => parseLoad(s));
  if (arg.expand !== undefined) throw new NotEmulatedError("ClientObject", "load({ expand })");
  return parseLoad(arg.select);
}

function clone<V>(value: V): V {
  return Array.isArray(value) ? (value.map((v) => clone(v)) as V) : value;
}

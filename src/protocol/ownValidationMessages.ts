// AWS answers a few pattern violations with a sentence of its own instead of the generic
// "1 validation error detected: …" list. Data: input shape → member → AWS's message.
// Pure: imports nothing.

export const OWN_PATTERN_MESSAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  CreateVirtualMFADeviceRequest: {
    Path: "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.",
  },
};

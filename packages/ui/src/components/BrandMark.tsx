import { Center, type MantineBreakpoint } from '@mantine/core';

/** The small square logo (also the favicon), for where the full name does not fit. */
export function BrandMark({ hiddenFrom }: { hiddenFrom?: MantineBreakpoint }) {
  return (
    <Center
      hiddenFrom={hiddenFrom}
      w={32}
      h={32}
      bg="brand.9"
      c="white"
      fw={700}
      aria-hidden="true"
      style={{ borderRadius: 7, flexShrink: 0 }}
    >
      L
    </Center>
  );
}

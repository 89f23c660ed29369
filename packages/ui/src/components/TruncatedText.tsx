import { Text, type TextProps, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useRef, useState } from 'react';

/** Below Mantine's `sm` breakpoint: where tables become cards and the navigation a burger menu. */
export const PHONE_MEDIA_QUERY = '(max-width: 47.99em)';

export function useIsPhone(): boolean {
  return useMediaQuery(PHONE_MEDIA_QUERY) ?? false;
}

/**
 * One line, cut with an ellipsis when it does not fit; the whole value in a tooltip then (on hover).
 * Screen readers read the whole value anyway: the cut is only CSS.
 */
export function TruncatedText({ children, ...props }: { children: string } & Omit<TextProps, 'truncate'>) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [cut, setCut] = useState(false);
  const measure = useCallback(() => {
    const element = ref.current;
    if (element) setCut(element.scrollWidth > element.clientWidth);
  }, []);
  return (
    <Tooltip label={children} disabled={!cut} multiline maw={360} openDelay={150} withinPortal>
      <Text ref={ref} truncate="end" onMouseEnter={measure} {...props}>
        {children}
      </Text>
    </Tooltip>
  );
}

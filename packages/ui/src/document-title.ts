import { useEffect } from 'react';
import { usePortalConfig } from './config.tsx';

/** Sets the tab's title to "<page> · <portal name>" while the page is shown. */
export function useDocumentTitle(title: string) {
  const { appName } = usePortalConfig();
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}

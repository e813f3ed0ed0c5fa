import { FluentProvider, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title2, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { CURRENT_RATES } from "../core";

const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

function App() {
  const rates = CURRENT_RATES;
  return (
    <FluentProvider theme={webLightTheme}>
      <Title2 as="h1">ITS Support Budget</Title2>
      <Table aria-label={`ITS rates FY ${rates.fiscalYear}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Days a week</TableHeaderCell>
            {rates.options.map((o) => (
              <TableHeaderCell key={o.number}>{o.name}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {[1, 2, 3, 4, 5].map((days) => (
            <TableRow key={days}>
              <TableCell>{days}</TableCell>
              {rates.options.map((o) => (
                <TableCell key={o.number}>{dollars.format(o.prices[days - 1])}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </FluentProvider>
  );
}

createRoot(document.getElementById("root")!).render(<App />);

# Builds the external-dns image. (Not built in CI here: the machines have no container engine.)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/ExternalDns/ExternalDns.csproj -c Release -o /out --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out .
USER 65532
EXPOSE 7979
ENTRYPOINT ["dotnet", "/app/external-dns.dll"]

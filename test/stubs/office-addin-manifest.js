// office-addin-mock imports office-addin-manifest, whose ESM-only dependency chain cannot load under
// jest on Node 20. office-addin-mock does not use it for mocking, so jest maps the import here.
module.exports = {};
